import type { GraphApi, GraphCall } from '../graph';
import { isGraphFailure } from '../graph';
import type { RequestStore } from '../reset/ports';
import type { Metrics } from './metrics';

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
      metrics.observe('pinbot_approval_latency_ms', Math.max(0, now().getTime() - askedAt), { decision: to });
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

/** Counts Graph calls by method and outcome, and throttled calls, at the one door all calls use. */
export function instrumentGraph(graph: GraphApi, metrics: Metrics): Pick<GraphApi, 'call' | 'graphEndpoint'> {
  return {
    graphEndpoint: graph.graphEndpoint,
    call: async (call: GraphCall) => {
      try {
        const answer = await graph.call(call);
        metrics.count('pinbot_graph_calls_total', { method: call.method, outcome: String(answer.status) });
        return answer;
      } catch (error) {
        const reason = isGraphFailure(error) ? error.reason : 'error';
        metrics.count('pinbot_graph_calls_total', { method: call.method, outcome: reason });
        if (reason === 'throttled') metrics.count('pinbot_graph_throttled_total', { method: call.method });
        throw error;
      }
    },
  };
}
