// Mapping between `outbox` rows and OutboxMessage. The operation and payload are JSON columns,
// parsed with zod on the way in (a caller's malformed operation is refused before it is stored)
// and on the way out (a row written by a newer build fails loudly instead of being misdelivered).
import { z } from 'zod';
import type { NewOutboxMessage, OutboxMessage, OutboxOperation, OutboxPayload } from '../../notify/ports';
import { OUTBOX_FAILURE_REASONS, OUTBOX_STATES } from '../domain-values';
import { epochMs } from '../timestamps';

const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), conversationId: z.string().min(1) }),
  z.object({ kind: z.literal('user'), aadObjectId: z.string().min(1), tenantId: z.string().min(1) }),
]);

const Operation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), target: Target }),
  z.object({ kind: z.literal('newThread'), channelId: z.string().min(1) }),
  z.object({ kind: z.literal('update'), activityOf: z.string().min(1) }),
  z.object({ kind: z.literal('updateActivity'), conversationId: z.string().min(1), activityId: z.string().min(1) }),
]) satisfies z.ZodType<OutboxOperation>;

const Payload = z.record(z.string(), z.unknown()) satisfies z.ZodType<OutboxPayload>;

export const OutboxRow = z.object({
  seq: z.number().int(),
  id: z.string(),
  event_key: z.string(),
  lane: z.string(),
  operation_json: z.string(),
  payload_json: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  next_attempt_at: z.string(),
  next_attempt_ms: z.number().int(),
  lease_owner: z.string().nullable(),
  lease_until: z.string().nullable(),
  lease_until_ms: z.number().int().nullable(),
  app_install_attempted: z.union([z.literal(0), z.literal(1)]),
  delivered_activity_id: z.string().nullable(),
  delivered_conversation_id: z.string().nullable(),
  failure_reason: z.enum(OUTBOX_FAILURE_REASONS).nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
});
type OutboxRow = z.infer<typeof OutboxRow>;

/** The columns an enqueue writes; the rest start as a fresh pending message. */
export type InsertParams = Pick<OutboxRow, 'id' | 'event_key' | 'lane' | 'operation_json' | 'payload_json' | 'created_at'> & {
  created_ms: number;
};

export function toInsertParams(message: NewOutboxMessage): InsertParams {
  if (message.eventKey.trim() === '') throw new RangeError('an outbox message needs a non-empty eventKey');
  return {
    id: message.id,
    event_key: message.eventKey,
    lane: message.lane,
    operation_json: JSON.stringify(Operation.parse(message.operation)),
    payload_json: JSON.stringify(Payload.parse(message.payload)),
    created_at: message.createdAt,
    created_ms: epochMs(message.createdAt),
  };
}

export function toOutboxMessage(stored: unknown): OutboxMessage {
  const row = OutboxRow.parse(stored);
  return {
    id: row.id,
    eventKey: row.event_key,
    lane: row.lane,
    operation: Operation.parse(JSON.parse(row.operation_json)),
    payload: Payload.parse(JSON.parse(row.payload_json)),
    createdAt: row.created_at,
    state: row.state,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    appInstallAttempted: row.app_install_attempted === 1,
    deliveredActivityId: row.delivered_activity_id,
    deliveredConversationId: row.delivered_conversation_id,
    failureReason: row.failure_reason,
    lastError: row.last_error,
  };
}

/** An ISO timestamp and its epoch ms, for a pair of columns the store writes itself. */
export function instant(at: Date): { iso: string; ms: number } {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date for an outbox time');
  return { iso: at.toISOString(), ms };
}
