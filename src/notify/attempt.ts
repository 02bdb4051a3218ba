import type { Logger } from '../log';
import { retryDelayMs } from './backoff';
import type { AppInstaller, DeliveredActivity, LeaseOutcome, OutboxFailure, OutboxFailureReason, OutboxMessage, OutboxStore, TeamsDelivery } from './ports';
import type { Timer } from './timer';
import { verdictOnError, verdictOnMissingOriginal, type Verdict, type VerdictContext } from './verdict';

export interface AttemptDeps {
  store: OutboxStore;
  delivery: TeamsDelivery;
  installer: AppInstaller | undefined;
  timer: Timer;
  owner: string;
  context: VerdictContext;
  log: Logger;
  /** Waits for a pacing slot; false when it gave the message back instead (the attempt ends). */
  pace(message: OutboxMessage): Promise<boolean>;
  /**
   * A call starts only while at least this much of the lease is left. A message claimed in a batch
   * may wait for its turn (concurrency, pacing) until its lease ran out and another worker claimed
   * it: sending it then would deliver it twice. It is given back instead, due at once.
   */
  minLeaseLeftMs: number;
  /** Told once a message has finally failed, so its sender can react (e.g. "manager not notified"). */
  onFailed?: (message: OutboxMessage, reason: OutboxFailureReason) => Promise<void>;
}

const ORIGINAL_RECHECK_MS = 2_000;

/** The Teams call a message needs, or why there is none to make yet. */
type Plan =
  | { kind: 'call'; call: () => Promise<DeliveredActivity> }
  | { kind: 'waitUntil'; at: Date }
  | { kind: 'decided'; verdict: Verdict };

/**
 * One try of one leased message. It ends in exactly one lease-checked store write: delivered,
 * rescheduled, released or failed.
 *
 * The at-least-once window: Teams has no idempotency key, so between Teams accepting a send and
 * `completeMessage` committing, a crash (or a lease that expired while the call hung, or a 502/504
 * from a gateway after Teams already posted) leaves the message pending, and it is sent again
 * once the lease expires. The window is kept to that one await: nothing else runs between the
 * call's answer and the write that marks it delivered together with its activity id, and the
 * store makes that write durable (SQLite: synchronous=FULL for it). A repeated update is harmless (same content again).
 */
export async function attemptDelivery(message: OutboxMessage, deps: AttemptDeps): Promise<void> {
  const plan = await planOf(message, deps);
  if (plan.kind === 'waitUntil') return note(message, deps, await deps.store.releaseMessage(message.id, deps.owner, plan.at));
  if (plan.kind === 'decided') return apply(message, plan.verdict, deps);
  if (!(await deps.pace(message))) return;
  if (leaseLeftMs(message, deps) < deps.minLeaseLeftMs) {
    deps.log.debug('outbox lease too short to start a try: given back', { eventKey: message.eventKey });
    return note(message, deps, await deps.store.releaseMessage(message.id, deps.owner, deps.timer.now()));
  }
  let delivered: DeliveredActivity;
  try {
    delivered = await plan.call();
  } catch (error) {
    return apply(message, verdictOnError(message, error, deps.context), deps);
  }
  const outcome = await deps.store.completeMessage(message.id, deps.owner, delivered);
  if (outcome === 'recorded') deps.log.info('outbox message delivered', { eventKey: message.eventKey, tries: message.attempts + 1 });
  note(message, deps, outcome);
}

/** Time left on the lease this worker took with the message (Infinity when the store did not say). */
function leaseLeftMs(message: OutboxMessage, deps: AttemptDeps): number {
  const until = message.leaseUntil === null ? Number.NaN : Date.parse(message.leaseUntil);
  return Number.isNaN(until) ? Number.POSITIVE_INFINITY : until - deps.timer.now().getTime();
}

async function planOf(message: OutboxMessage, deps: AttemptDeps): Promise<Plan> {
  const { operation, payload } = message;
  const { delivery } = deps;
  switch (operation.kind) {
    case 'send':
      return { kind: 'call', call: () => delivery.send(operation.target, payload) };
    case 'newThread':
      return { kind: 'call', call: () => delivery.newThread(operation.channelId, payload) };
    case 'updateActivity':
      return { kind: 'call', call: () => updateAndReturn(delivery, operation, message) };
    case 'update':
      return planUpdate(message, operation.activityOf, deps);
  }
}

async function planUpdate(message: OutboxMessage, activityOf: string, deps: AttemptDeps): Promise<Plan> {
  const original = await deps.store.outboxMessage(activityOf);
  if (original === undefined) return { kind: 'decided', verdict: verdictOnMissingOriginal(message, deps.context) };
  if (original.state === 'failed') {
    return { kind: 'decided', verdict: { kind: 'fail', reason: 'originalNotDelivered', lastError: `original ${original.failureReason ?? 'failed'}` } };
  }
  const { deliveredActivityId: activityId, deliveredConversationId: conversationId } = original;
  if (original.state === 'pending' || activityId === null || conversationId === null) {
    // Not a try of ours: come back after the original's next try (or shortly, if it is in flight).
    const shortly = deps.timer.now().getTime() + ORIGINAL_RECHECK_MS;
    return { kind: 'waitUntil', at: new Date(Math.max(Date.parse(original.nextAttemptAt), shortly)) };
  }
  return { kind: 'call', call: () => updateAndReturn(deps.delivery, { conversationId, activityId }, message) };
}

async function updateAndReturn(delivery: TeamsDelivery, ids: DeliveredActivity, message: OutboxMessage): Promise<DeliveredActivity> {
  await delivery.update(ids.conversationId, ids.activityId, message.payload);
  return { conversationId: ids.conversationId, activityId: ids.activityId };
}

async function apply(message: OutboxMessage, verdict: Verdict, deps: AttemptDeps): Promise<void> {
  const { store, owner, timer, log } = deps;
  const fields = { eventKey: message.eventKey, tries: message.attempts + 1, lastError: verdict.lastError };
  switch (verdict.kind) {
    case 'retry': {
      log.debug('outbox message will be retried', { ...fields, delayMs: verdict.delayMs });
      const nextAttemptAt = new Date(timer.now().getTime() + verdict.delayMs);
      return note(message, deps, await store.rescheduleMessage(message.id, owner, { nextAttemptAt, lastError: verdict.lastError }));
    }
    case 'fail':
      log.warn('outbox message failed', { ...fields, reason: verdict.reason });
      return failed(message, deps, { reason: verdict.reason, lastError: verdict.lastError });
    case 'install':
      return installThenRetry(message, verdict, deps);
  }
}

/** Asks the installer once; 'installed' retries after the usual backoff (Teams needs a moment to see it). */
async function installThenRetry(message: OutboxMessage, verdict: Extract<Verdict, { kind: 'install' }>, deps: AttemptDeps): Promise<void> {
  const { store, owner, installer, timer, context } = deps;
  if (installer === undefined) throw new TypeError('install verdict without an AppInstaller');
  let answer: 'installed' | 'notPermitted';
  try {
    answer = await installer.installFor(verdict.aadObjectId);
  } catch (error) {
    // The installer itself failed (Graph down, throttled): not asked yet as far as we know, so
    // the next try asks again.
    return apply(message, verdictOnError(message, error, context), deps);
  }
  if (answer === 'notPermitted') {
    const failure = { reason: 'installNotPermitted' as const, lastError: `${verdict.lastError}; app install not permitted` };
    deps.log.warn('outbox message failed', { eventKey: message.eventKey, reason: failure.reason });
    return failed(message, deps, failure);
  }
  const delayMs = retryDelayMs(message.attempts + 1, undefined, context.policy, context.random);
  const retry = { nextAttemptAt: new Date(timer.now().getTime() + delayMs), lastError: `${verdict.lastError}; app installed`, appInstallAttempted: true };
  return note(message, deps, await store.rescheduleMessage(message.id, owner, retry));
}

async function failed(message: OutboxMessage, deps: AttemptDeps, failure: OutboxFailure): Promise<void> {
  const outcome = await deps.store.failMessage(message.id, deps.owner, failure);
  note(message, deps, outcome);
  if (outcome === 'recorded') await deps.onFailed?.(message, failure.reason);
}

function note(message: OutboxMessage, deps: AttemptDeps, outcome: LeaseOutcome): void {
  if (outcome === 'leaseLost') {
    // Our lease expired and another worker took the message: it may be (or have been) sent twice.
    deps.log.warn('outbox lease lost during delivery', { eventKey: message.eventKey, owner: deps.owner });
  }
}
