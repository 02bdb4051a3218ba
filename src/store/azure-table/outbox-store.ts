// OutboxStore over Table Storage, safe with several bot instances. All outbox entities share ONE
// partition, so that every step that must be atomic is an entity group transaction, and "what is
// due now" is a key-range read of the pending messages only:
//
//   RowKey "c|<lane>"     the lane's next number: a lane is delivered in enqueue order across instances
//   RowKey "k|<eventKey>" one per event ever enqueued: creating it is the deduplication
//   RowKey "i|<id>"       one per message id ever used: a reused id is a bug and is refused
//   RowKey "p|<id>"       a pending message — the live queue a claim reads
//   RowKey "d|<id>"       a delivered or failed message — history, outside the range a claim reads
//
// Enqueue is one transaction: the lane counter (If-Match), k|, i|, p|. Only enqueues into the same
// conversation contend for a counter; "oldest first" between lanes is fairness, not correctness,
// and uses an append-order key (keys.ts). A claim reads the p| range, works out lane heads, and
// leases each chosen message with Replace If-Match on the ETag it read, so of several instances
// claiming at once each message goes to one: the others get 412 and skip it. Every later write
// re-reads p|<id> and checks the lease holder before its own If-Match write. The final write
// (delivered or failed) happens in place under that If-Match; moving the message from p| to d|
// afterwards is a separate transaction, since a transaction's delete cannot carry an ETag. A
// finished message left in p| by a crash is moved by the next claim.
//
// One partition serves about 2,000 entity operations a second, far above what Teams lets one bot
// send (about 30 messages a second per tenant).
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import type { Logger } from '../../log';
import type { DeliveredActivity, LeaseOutcome, NewOutboxMessage, OutboxDepth, OutboxFailure, OutboxMessage, OutboxRetry, OutboxStore } from '../../notify/ports';
import { OUTBOX_STATES } from '../domain-values';
import { StoreWriteError } from '../errors';
import { checkedOutboxMessage, instant } from '../outbox-values';
import { epochMs } from '../timestamps';
import { ALREADY_EXISTS, entity, ETAG_MISMATCH, inRange, NOT_FOUND, query, readEntity, refusedWith } from './entities';
import { appendOrderKey, joinKey, prefixRange } from './keys';
import { freshMessage, toMessageEntity, toStoredMessage, type StoredMessage } from './outbox-entities';
import type { Tables } from './tables';

const PARTITION = 'outbox';
const pendingRow = (id: string): string => joinKey('p', id);
const doneRow = (id: string): string => joinKey('d', id);
const eventRow = (eventKey: string): string => joinKey('k', eventKey);
const idRow = (id: string): string => joinKey('i', id);
const laneRow = (lane: string): string => joinKey('c', lane);

const CounterEntity = z.object({ next: z.number().int() });
const EventEntity = z.object({ messageId: z.string() });
const StateEntity = z.object({ state: z.enum(OUTBOX_STATES) });
const PrunedEntity = z.object({ id: z.string(), eventKey: z.string(), createdAt: z.string(), state: z.enum(OUTBOX_STATES) });
const PRUNE_BATCH = 33;

/** Enqueues into one lane from several instances contend for its counter; each round one of them wins. */
const MAX_ENQUEUE_ROUNDS = 20;
const MAX_LEASE_ROUNDS = 5;

const freeLease = { leaseOwner: null, leaseUntil: null };

export function azureOutboxStore(tables: Tables, log?: Pick<Logger, 'warn'>): OutboxStore {
  const outbox = (): Promise<TableClient> => tables.table('outbox');

  async function enqueueRound(message: NewOutboxMessage): Promise<boolean> {
    const client = await outbox();
    const counter = await readEntity(client, PARTITION, laneRow(message.lane));
    const laneSeq = counter === undefined ? 1 : CounterEntity.parse(counter).next;
    const nextCounter = entity(PARTITION, laneRow(message.lane), { lane: message.lane, next: laneSeq + 1 });
    const place = { laneSeq, enqueuedKey: appendOrderKey() };
    return refusedWith([ALREADY_EXISTS, ETAG_MISMATCH], () =>
      client.submitTransaction([
        counter === undefined ? ['create', nextCounter] : ['update', nextCounter, 'Replace', { etag: counter.etag }],
        ['create', entity(PARTITION, eventRow(message.eventKey), { messageId: message.id })],
        ['create', entity(PARTITION, idRow(message.id), { eventKey: message.eventKey })],
        ['create', toMessageEntity(PARTITION, pendingRow(message.id), freshMessage(message), place)],
      ]),
    );
  }

  async function readMessage(rowKey: string): Promise<StoredMessage | undefined> {
    const stored = await readEntity(await outbox(), PARTITION, rowKey);
    return stored === undefined ? undefined : toStoredMessage(stored);
  }

  /** p| → d| for a message that is no longer pending. Idempotent; a failure leaves it for the next claim. */
  async function archive(stored: StoredMessage): Promise<void> {
    const { message } = stored;
    try {
      await refusedWith([NOT_FOUND], async () =>
        (await outbox()).submitTransaction([
          ['delete', { partitionKey: PARTITION, rowKey: pendingRow(message.id) }],
          ['upsert', toMessageEntity(PARTITION, doneRow(message.id), message, stored), 'Replace'],
        ]),
      );
    } catch (error) {
      log?.warn('store: finished outbox message left in the pending range for the next claim to move', { eventKey: message.eventKey, error });
    }
  }

  /** Changes a pending message only while `owner` holds its lease (expired or not); If-Match makes the check and the write one. */
  async function whileHeld(id: string, owner: string, change: (message: OutboxMessage) => OutboxMessage): Promise<LeaseOutcome> {
    for (let round = 0; round < MAX_LEASE_ROUNDS; round++) {
      const stored = await readMessage(pendingRow(id));
      if (stored === undefined || stored.message.state !== 'pending' || stored.message.leaseOwner !== owner) return 'leaseLost';
      const next = { ...stored, message: change(stored.message) };
      const row = toMessageEntity(PARTITION, pendingRow(id), next.message, next);
      if (!(await refusedWith([ETAG_MISMATCH], async () => (await outbox()).updateEntity(row, 'Replace', { etag: stored.etag })))) continue;
      if (next.message.state !== 'pending') await archive(next);
      return 'recorded';
    }
    throw new StoreWriteError('tooManyConflicts', `outbox message ${id} kept changing under its lease holder`);
  }

  async function claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<OutboxMessage[]> {
    const client = await outbox();
    const rows = (await query(client, inRange(PARTITION, prefixRange('p')))).map(toStoredMessage);
    await Promise.all(rows.filter((row) => row.message.state !== 'pending').map(archive));
    const until = instant(new Date(now.getTime() + leaseMs)).iso;
    const claimed: OutboxMessage[] = [];
    for (const head of claimable(rows, now.getTime())) {
      if (claimed.length >= limit) break;
      const leased = { ...head.message, leaseOwner: owner, leaseUntil: until };
      const row = toMessageEntity(PARTITION, pendingRow(leased.id), leased, head);
      // 412: another instance leased or changed it since the read; 404: it finished meanwhile.
      if (await refusedWith([ETAG_MISMATCH, NOT_FOUND], () => client.updateEntity(row, 'Replace', { etag: head.etag }))) claimed.push(leased);
    }
    return claimed;
  }

  /**
   * Deletes old delivered messages with their k| (dedupe) and i| (id) rows, PRUNE_BATCH messages
   * per entity group transaction (3 operations each, under the limit of 100). A message is only
   * in d| once it finished, so nothing pending is touched. The filter compares createdAt as text
   * (the outbox writes it with toISOString); the instant is checked again before deleting.
   */
  async function pruneDelivered(createdBefore: Date, limit: number): Promise<number> {
    const client = await outbox();
    const filter = `${inRange(PARTITION, prefixRange('d'))} and ${odata`state eq ${'delivered'} and createdAt lt ${createdBefore.toISOString()}`}`;
    const old = (await query(client, filter, ['id', 'eventKey', 'createdAt', 'state']))
      .map((row) => PrunedEntity.parse(row))
      .filter((row) => row.state === 'delivered' && epochMs(row.createdAt) < createdBefore.getTime())
      .slice(0, limit);
    for (let start = 0; start < old.length; start += PRUNE_BATCH) {
      const batch = old.slice(start, start + PRUNE_BATCH);
      await client.submitTransaction(
        batch.flatMap((row) => [doneRow(row.id), eventRow(row.eventKey), idRow(row.id)].map((rowKey): TransactionAction => ['delete', { partitionKey: PARTITION, rowKey }])),
      );
    }
    return old.length;
  }

  return {
    async enqueueMessage(unchecked: NewOutboxMessage) {
      const message = checkedOutboxMessage(unchecked);
      for (let round = 0; round < MAX_ENQUEUE_ROUNDS; round++) {
        if (await enqueueRound(message)) return 'enqueued';
        const client = await outbox();
        if ((await readEntity(client, PARTITION, eventRow(message.eventKey))) !== undefined) return 'duplicate';
        if ((await readEntity(client, PARTITION, idRow(message.id))) !== undefined) {
          throw new StoreWriteError('duplicateId', `outbox message id ${message.id} is already used by another event`);
        }
        // Lost the lane counter to another enqueue: wait a moment, less in step with the others each round.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
      }
      throw new StoreWriteError('tooManyConflicts', `enqueueing ${message.eventKey} lost its lane counter ${MAX_ENQUEUE_ROUNDS} times`);
    },
    claimDueMessages: claim,
    async completeMessage(id: string, owner: string, delivered: DeliveredActivity) {
      return whileHeld(id, owner, (m) => ({
        ...m,
        ...freeLease,
        state: 'delivered',
        attempts: m.attempts + 1,
        deliveredActivityId: delivered.activityId,
        deliveredConversationId: delivered.conversationId,
      }));
    },
    async rescheduleMessage(id: string, owner: string, retry: OutboxRetry) {
      const nextAttemptAt = instant(retry.nextAttemptAt).iso;
      const appInstallAttempted = retry.appInstallAttempted === true;
      return whileHeld(id, owner, (m) => ({
        ...m,
        ...freeLease,
        attempts: m.attempts + 1,
        nextAttemptAt,
        lastError: retry.lastError,
        appInstallAttempted: m.appInstallAttempted || appInstallAttempted,
      }));
    },
    async releaseMessage(id: string, owner: string, notBefore: Date) {
      const nextAttemptAt = instant(notBefore).iso;
      return whileHeld(id, owner, (m) => ({ ...m, ...freeLease, nextAttemptAt }));
    },
    async failMessage(id: string, owner: string, failure: OutboxFailure) {
      return whileHeld(id, owner, (m) => ({ ...m, ...freeLease, state: 'failed', attempts: m.attempts + 1, failureReason: failure.reason, lastError: failure.lastError }));
    },
    async outboxMessage(eventKey: string) {
      const event = await readEntity(await outbox(), PARTITION, eventRow(eventKey));
      if (event === undefined) return undefined;
      const { messageId } = EventEntity.parse(event);
      // Pending first: a message moves p| → d| in one transaction, so a miss there means it is in d|.
      const stored = (await readMessage(pendingRow(messageId))) ?? (await readMessage(doneRow(messageId)));
      return stored?.message;
    },
    pruneDeliveredMessages: (createdBefore: Date, limit: number) => pruneDelivered(createdBefore, limit),
    async outboxDepth() {
      const depth: OutboxDepth = { pending: 0, delivered: 0, failed: 0 };
      const client = await outbox();
      const ranges = await Promise.all(['p', 'd'].map((prefix) => query(client, inRange(PARTITION, prefixRange(prefix)), ['state'])));
      for (const row of ranges.flat()) depth[StateEntity.parse(row).state] += 1;
      return depth;
    },
  };
}

/**
 * The messages a claim may lease, oldest first: the head of each lane (no older message of the
 * lane still pending), due, and with no lease or an expired one.
 */
function claimable(rows: readonly StoredMessage[], nowMs: number): StoredMessage[] {
  const heads = new Map<string, StoredMessage>();
  for (const row of rows) {
    const head = heads.get(row.message.lane);
    if (row.message.state === 'pending' && (head === undefined || row.laneSeq < head.laneSeq)) heads.set(row.message.lane, row);
  }
  const due = [...heads.values()].filter(({ message }) => {
    const leaseFree = message.leaseUntil === null || epochMs(message.leaseUntil) <= nowMs;
    return epochMs(message.nextAttemptAt) <= nowMs && leaseFree;
  });
  return due.sort((a, b) => (a.enqueuedKey < b.enqueuedKey ? -1 : a.enqueuedKey > b.enqueuedKey ? 1 : 0));
}
