// Mapping between `outbox` rows and OutboxMessage. The operation and payload are JSON columns,
// parsed with zod on the way in (a caller's malformed operation is refused before it is stored)
// and on the way out (a row written by a newer build fails loudly instead of being misdelivered).
import { z } from 'zod';
import type { NewOutboxMessage, OutboxMessage } from '../../notify/ports';
import { OUTBOX_FAILURE_REASONS, OUTBOX_STATES } from '../domain-values';
import { checkedOutboxMessage, OutboxOperationSchema as Operation, OutboxPayloadSchema as Payload } from '../outbox-values';
import { epochMs } from '../timestamps';

export { instant } from '../outbox-values';

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

export function toInsertParams(unchecked: NewOutboxMessage): InsertParams {
  const message = checkedOutboxMessage(unchecked);
  return {
    id: message.id,
    event_key: message.eventKey,
    lane: message.lane,
    operation_json: JSON.stringify(message.operation),
    payload_json: JSON.stringify(message.payload),
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
