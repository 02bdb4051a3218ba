import type { GraphApi, GraphCall } from '../graph';
import { isGraphFailure } from '../graph';
import type { TeamsDelivery } from '../notify/ports';
import type { RequestStore } from '../reset/ports';
import type { Metrics } from './metrics';
import { graphRouteTemplate } from './route-template';
import { inSpan } from './telemetry';

/**
 * Counts every state a request reaches (by platform), and how long approvals took, in the one
 * place every move passes through: the store's compare-and-set.
 */
export function instrumentRequestStore<S extends RequestStore>(store: S, metrics: Metrics, approvalTtlMs: number, now: () => Date): S {
  const transition: RequestStore['transition'] = async (id, expectedVersion, to, patch) => {
    const moved = await store.transition(id, expectedVersion, to, patch);
    if (!moved) return moved;
    const reason = moved.failureReason ?? 'none';
    metrics.count('pinbot_requests_total', { platform: moved.device.platform, state: to, reason: to === 'failed' ? reason : 'none' });
    if ((to === 'approved' || to === 'rejected') && moved.expiresAt) {
      const askedAt = Date.parse(moved.expiresAt) - approvalTtlMs;
      metrics.observe('pinbot_approval_latency_seconds', Math.max(0, now().getTime() - askedAt) / 1000, { decision: to });
    }
    return moved;
  };
  const insertRequest: RequestStore['insertRequest'] = async (request, rules) => {
    const outcome = await store.insertRequest(request, rules);
    // A refused insert (the device's open request, the daily limit) stored nothing to count.
    if (outcome.kind === 'inserted') metrics.count('pinbot_requests_total', { platform: request.device.platform, state: request.state, reason: 'none' });
    return outcome;
  };
  return { ...store, transition, insertRequest };
}

/**
 * Counts Graph calls by method, route template and outcome, and throttled calls, and puts each
 * call in a span named by its route template (never the path: it holds user and device ids).
 */
export function instrumentGraph(graph: GraphApi, metrics: Metrics): Pick<GraphApi, 'call' | 'graphEndpoint'> {
  return {
    graphEndpoint: graph.graphEndpoint,
    call: (call: GraphCall) => {
      const route = graphRouteTemplate(call.path);
      return inSpan(`graph ${call.method} ${route}`, { 'http.request.method': call.method, 'url.template': route }, async () => {
        try {
          const answer = await graph.call(call);
          metrics.count('pinbot_graph_calls_total', { method: call.method, route, outcome: String(answer.status) });
          return answer;
        } catch (error) {
          const reason = isGraphFailure(error) ? error.reason : 'error';
          metrics.count('pinbot_graph_calls_total', { method: call.method, route, outcome: reason });
          if (reason === 'throttled') metrics.count('pinbot_graph_throttled_total', { method: call.method, route });
          throw error;
        }
      });
    },
  };
}

/**
 * Puts every asynchronous store method in a span `store <method>`, without its arguments (they
 * hold request ids, user ids and conversation references). The store stays the same object: a
 * Proxy, because the store's interface is wide and every method gets the same treatment.
 */
export function traceStore<S extends object>(store: S): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string' || property === 'close') return value;
      return (...args: unknown[]) => inSpan(`store ${property}`, { 'db.operation.name': property }, async () => (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
}

/** Each outbox delivery to Teams in a span, named by its kind (no conversation ids). */
export function traceDelivery(delivery: TeamsDelivery): TeamsDelivery {
  return {
    send: (target, payload) => inSpan('outbox deliver send', { 'pinbot.outbox.target': target.kind }, () => delivery.send(target, payload)),
    newThread: (channelId, payload) => inSpan('outbox deliver newThread', {}, () => delivery.newThread(channelId, payload)),
    update: (conversationId, activityId, payload) => inSpan('outbox deliver update', {}, () => delivery.update(conversationId, activityId, payload)),
  };
}
