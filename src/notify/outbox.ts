import { randomUUID } from 'node:crypto';
import type { Clock } from '../reset/ports';
import { laneOf } from './lanes';
import type { DeliveredActivity, OutboxEntry, OutboxFailureReason, OutboxStore } from './ports';

/** Where an enqueued event stands, as the code that enqueued it needs to know. */
export type OutboxOutcome =
  | { state: 'pending'; attempts: number; lastError: string | null }
  | { state: 'delivered'; activity: DeliveredActivity }
  | { state: 'failed'; reason: OutboxFailureReason; lastError: string | null };

/**
 * The front door for everything that wants a proactive message delivered: channel cards, manager
 * and requester notifications, card updates. It stamps the message (id, lane, time), stores it,
 * and wakes the worker; delivery happens in the OutboxWorker, surviving restarts.
 */
export class Outbox {
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    /** Called after a new message is stored: `() => worker.kick()`. */
    private readonly onEnqueued: () => void = () => undefined,
    private readonly newId: () => string = randomUUID,
  ) {}

  /** 'duplicate' when this eventKey was enqueued before (whatever became of it): nothing changes. */
  async enqueue(entry: OutboxEntry): Promise<'enqueued' | 'duplicate'> {
    const { operation } = entry;
    // An update of itself would wait for itself forever.
    if (operation.kind === 'update' && operation.activityOf === entry.eventKey) throw new RangeError(`"${entry.eventKey}" updates itself`);
    const original = operation.kind === 'update' ? await this.store.outboxMessage(operation.activityOf) : undefined;
    const result = await this.store.enqueueMessage({
      eventKey: entry.eventKey,
      operation,
      payload: entry.payload,
      id: this.newId(),
      lane: laneOf(operation, original?.lane),
      createdAt: this.clock.now().toISOString(),
    });
    if (result === 'enqueued') this.onEnqueued();
    return result;
  }

  async outcome(eventKey: string): Promise<OutboxOutcome | undefined> {
    const message = await this.store.outboxMessage(eventKey);
    if (message === undefined) return undefined;
    switch (message.state) {
      case 'pending':
        return { state: 'pending', attempts: message.attempts, lastError: message.lastError };
      case 'delivered':
        return { state: 'delivered', activity: deliveredActivityOf(message) };
      case 'failed':
        if (message.failureReason === null) throw new TypeError('a failed outbox message without its reason');
        return { state: 'failed', reason: message.failureReason, lastError: message.lastError };
    }
  }

  /** Where the message of `eventKey` landed, once delivered. */
  async delivered(eventKey: string): Promise<DeliveredActivity | undefined> {
    const outcome = await this.outcome(eventKey);
    return outcome?.state === 'delivered' ? outcome.activity : undefined;
  }
}

function deliveredActivityOf(message: { deliveredActivityId: string | null; deliveredConversationId: string | null }): DeliveredActivity {
  if (message.deliveredActivityId === null || message.deliveredConversationId === null) {
    throw new TypeError('a delivered outbox message without its activity ids');
  }
  return { activityId: message.deliveredActivityId, conversationId: message.deliveredConversationId };
}
