// What every outbox store checks before it stores a message, and reads back through: the
// operation and payload are parsed with zod on the way in (a caller's malformed operation is
// refused before it is stored) and on the way out (a row written by a newer build fails loudly
// instead of being misdelivered).
import { z } from 'zod';
import type { NewOutboxMessage, OutboxOperation, OutboxPayload } from '../notify/ports';

const Target = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('conversation'), conversationId: z.string().min(1) }),
  z.object({ kind: z.literal('user'), aadObjectId: z.string().min(1), tenantId: z.string().min(1) }),
]);

export const OutboxOperationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), target: Target }),
  z.object({ kind: z.literal('newThread'), channelId: z.string().min(1) }),
  z.object({ kind: z.literal('update'), activityOf: z.string().min(1) }),
  z.object({ kind: z.literal('updateActivity'), conversationId: z.string().min(1), activityId: z.string().min(1) }),
]) satisfies z.ZodType<OutboxOperation>;

export const OutboxPayloadSchema = z.record(z.string(), z.unknown()) satisfies z.ZodType<OutboxPayload>;

/** The message with its operation and payload parsed; throws before anything is stored. */
export function checkedOutboxMessage(message: NewOutboxMessage): NewOutboxMessage {
  if (message.eventKey.trim() === '') throw new RangeError('an outbox message needs a non-empty eventKey');
  return { ...message, operation: OutboxOperationSchema.parse(message.operation), payload: OutboxPayloadSchema.parse(message.payload) };
}

/** An ISO timestamp and its epoch ms, for a time the store writes itself. */
export function instant(at: Date): { iso: string; ms: number } {
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date for an outbox time');
  return { iso: at.toISOString(), ms };
}
