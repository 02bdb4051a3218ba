// Mapping between OutboxMessage and its entity in the `outbox` table. The payload (an Adaptive
// Card can be tens of kilobytes) is split over `payload0…` properties: one string property holds
// at most 64 KiB (32K UTF-16 characters), an entity 1 MiB.
import type { TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import type { NewOutboxMessage, OutboxMessage } from '../../notify/ports';
import { OUTBOX_FAILURE_REASONS, OUTBOX_STATES } from '../domain-values';
import { OutboxOperationSchema, OutboxPayloadSchema } from '../outbox-values';
import { entity } from './entities';

const PART_CHARS = 30_000;

const orNull = <T extends z.ZodType>(schema: T) => schema.nullish().transform((value) => value ?? null);
const text = orNull(z.string());

const MessageEntity = z.object({
  etag: z.string(),
  id: z.string(),
  eventKey: z.string(),
  lane: z.string(),
  laneSeq: z.number().int(),
  enqueuedKey: z.string(),
  operationJson: z.string(),
  payloadParts: z.number().int().min(1),
  createdAt: z.string(),
  state: z.enum(OUTBOX_STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string(),
  leaseOwner: text,
  leaseUntil: text,
  appInstallAttempted: z.boolean(),
  deliveredActivityId: text,
  deliveredConversationId: text,
  failureReason: orNull(z.enum(OUTBOX_FAILURE_REASONS)),
  lastError: text,
});

/** Where a message stands in the queue: its place in its lane, and when it was enqueued (for oldest first). */
export interface QueuePlace {
  laneSeq: number;
  enqueuedKey: string;
}

/** A message as read, with its place and the ETag a lease write must present. */
export interface StoredMessage extends QueuePlace {
  message: OutboxMessage;
  etag: string;
}

/** A just-enqueued message: pending, due at once, never tried. */
export function freshMessage(message: NewOutboxMessage): OutboxMessage {
  return {
    ...message,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: message.createdAt,
    leaseOwner: null,
    leaseUntil: null,
    appInstallAttempted: false,
    deliveredActivityId: null,
    deliveredConversationId: null,
    failureReason: null,
    lastError: null,
  };
}

export function toMessageEntity(partitionKey: string, rowKey: string, message: OutboxMessage, place: QueuePlace): TableEntity {
  const { operation, payload, ...rest } = message;
  const json = JSON.stringify(payload);
  const parts = Array.from({ length: Math.max(1, Math.ceil(json.length / PART_CHARS)) }, (_, i) => json.slice(i * PART_CHARS, (i + 1) * PART_CHARS));
  return entity(partitionKey, rowKey, {
    ...rest,
    laneSeq: place.laneSeq,
    enqueuedKey: place.enqueuedKey,
    operationJson: JSON.stringify(operation),
    payloadParts: parts.length,
    ...Object.fromEntries(parts.map((part, i) => [`payload${i}`, part])),
  });
}

export function toStoredMessage(stored: Record<string, unknown>): StoredMessage {
  const { etag, laneSeq, enqueuedKey, operationJson, payloadParts, ...rest } = MessageEntity.parse(stored);
  const json = Array.from({ length: payloadParts }, (_, i) => z.string().parse(stored[`payload${i}`])).join('');
  const message: OutboxMessage = {
    ...rest,
    operation: OutboxOperationSchema.parse(JSON.parse(operationJson)),
    payload: OutboxPayloadSchema.parse(JSON.parse(json)),
  };
  return { message, laneSeq, enqueuedKey, etag };
}
