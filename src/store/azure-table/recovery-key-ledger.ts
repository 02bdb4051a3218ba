// The recovery-key audit and attempt count in the `recoverykeys` table: PartitionKey = requester
// id ("how many attempts today" is one partition's key range), RowKey = time + event id. An event
// is created `pending` under the daily limit (with the requester's counter entity, RowKey
// "counter|attempts", in one entity group transaction: counted-insert.ts), settled once, and later
// gets `hiddenAt` once when the message showing a key is hidden. Never the key.
//
// The keys still shown are also listed in their own partition, "still|shown" (a requester key is
// one escaped part and never holds "|"), one entity per shown key, a copy of its event: the
// recurring sweep and a restart read that partition, not the whole history. The entry is written
// BEFORE the event is settled as shown and deleted AFTER it is marked hidden, so a shown key is
// never missing from it; an entry whose event is hidden already is dropped when read. Keys shown
// by a build before this list existed are listed by one scan of the table, the first time a
// process asks (what that build did at every start-up).
import { odata, type TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Clock } from '../../reset/ports';
import { COUNTED_OUTCOMES, RECOVERY_KEY_OUTCOMES, type AttemptClaim, type AttemptLimit, type RecoveryKeyEvent, type RecoveryKeyLedger } from '../../recovery-key/ports';
import { epochMs } from '../timestamps';
import { insertUnderLimit } from './counted-insert';
import { entity, ETAG_MISMATCH, inPartition, NOT_FOUND, query, readEntity, refusedWith } from './entities';
import { joinKey, sortableMs } from './keys';
import type { Tables } from './tables';

const nullable = z.string().nullish().transform((v) => v ?? null);
const EventEntity = z.object({
  id: z.string(),
  at: z.string(),
  tenantId: z.string(),
  requesterId: z.string(),
  managedDeviceId: z.string(),
  deviceName: z.string(),
  outcome: z.enum(RECOVERY_KEY_OUTCOMES),
  keyId: nullable,
  locale: z.string(),
  conversationId: z.string(),
  messageId: nullable,
  hideAt: nullable,
});

const COUNTER_ROW = 'counter|attempts';
const STILL_SHOWN = joinKey('still', 'shown');
/** Event RowKeys are digits first ("000…-id"); ":" sorts right after "9", before the counter's "c". */
const EVENTS_END = ':';

const rowKeyOf = (event: Pick<RecoveryKeyEvent, 'at' | 'id'>): string => `${sortableMs(epochMs(event.at))}-${event.id}`;
const stillShownKeyOf = (event: RecoveryKeyEvent): string => joinKey(event.requesterId, rowKeyOf(event));
const toEntity = (event: RecoveryKeyEvent, partitionKey: string, rowKey: string) => entity(partitionKey, rowKey, { ...event });

export function azureRecoveryKeyLedger(tables: Tables, clock: Clock): RecoveryKeyLedger {
  const table = (): Promise<TableClient> => tables.table('recoveryKeys');
  const eventsIn = async (requesterId: string, fromRowKey: string, select?: string[]) =>
    query(await table(), odata`PartitionKey eq ${joinKey(requesterId)} and RowKey ge ${fromRowKey} and RowKey lt ${EVENTS_END}`, select);
  const countSince = async (requesterId: string, sinceIso: string): Promise<number> => {
    const rows = await eventsIn(requesterId, sortableMs(Math.max(0, epochMs(sinceIso))), ['outcome']);
    return rows.filter((row) => COUNTED_OUTCOMES.some((outcome) => outcome === row['outcome'])).length;
  };
  // Once per process, and again after a failure: events shown (hideAt set) but never hidden nor listed.
  let listedOlderKeys: Promise<void> | undefined;
  const listOlderKeys = async (): Promise<void> => {
    const client = await table();
    const rows = await query(client, odata`hideAt ge ${''} and PartitionKey ne ${STILL_SHOWN}`);
    for (const row of rows.filter((r) => r['hiddenAt'] === undefined)) {
      const event = EventEntity.parse(row);
      await client.upsertEntity(toEntity(event, STILL_SHOWN, stillShownKeyOf(event)), 'Replace');
    }
  };
  return {
    async claimRecoveryKeyAttempt(attempt: RecoveryKeyEvent, limit: AttemptLimit): Promise<AttemptClaim> {
      const partitionKey = joinKey(attempt.requesterId);
      const partition = { client: table, partitionKey, counterRow: COUNTER_ROW, countSince: (sinceIso: string) => countSince(attempt.requesterId, sinceIso) };
      const inserted = await insertUnderLimit(partition, toEntity({ ...attempt, outcome: 'pending' }, partitionKey, rowKeyOf(attempt)), limit);
      return inserted.kind === 'inserted' ? { kind: 'claimed', used: inserted.countBefore + 1 } : { kind: 'limitReached' };
    },
    // Once, as on SQLite: only a pending event is settled, with If-Match on the pending one read.
    async settleRecoveryKeyAttempt(event: RecoveryKeyEvent): Promise<void> {
      const client = await table();
      const partitionKey = joinKey(event.requesterId);
      const claimed = await readEntity(client, partitionKey, rowKeyOf(event));
      if (claimed === undefined || claimed['outcome'] !== 'pending') return;
      if (event.hideAt !== null) await client.upsertEntity(toEntity(event, STILL_SHOWN, stillShownKeyOf(event)), 'Replace');
      const { outcome, keyId, deviceName, messageId, hideAt } = event;
      await refusedWith([ETAG_MISMATCH], () => client.updateEntity(entity(partitionKey, rowKeyOf(event), { outcome, keyId, deviceName, messageId, hideAt }), 'Merge', { etag: claimed.etag }));
    },
    countRecoveryKeyAttemptsSince: countSince,
    async recoveryKeyEventsOf(requesterId: string): Promise<RecoveryKeyEvent[]> {
      return (await eventsIn(requesterId, '')).map((row) => EventEntity.parse(row));
    },
    async recoveryKeysStillShown(): Promise<RecoveryKeyEvent[]> {
      listedOlderKeys ??= listOlderKeys().catch((error: unknown) => {
        listedOlderKeys = undefined;
        throw error;
      });
      await listedOlderKeys;
      const client = await table();
      const listed = (await query(client, inPartition(STILL_SHOWN))).map((row) => EventEntity.parse(row));
      const shown: RecoveryKeyEvent[] = [];
      for (const event of listed) {
        // A hide that stopped between marking the event and deleting its entry left the entry behind.
        const stored = await readEntity(client, joinKey(event.requesterId), rowKeyOf(event));
        if (stored !== undefined && stored['hiddenAt'] === undefined) shown.push(event);
        else await refusedWith([NOT_FOUND], () => client.deleteEntity(STILL_SHOWN, stillShownKeyOf(event)));
      }
      return shown.sort((a, b) => epochMs(a.hideAt ?? a.at) - epochMs(b.hideAt ?? b.at));
    },
    async markRecoveryKeyHidden(event: RecoveryKeyEvent): Promise<void> {
      const client = await table();
      await client.updateEntity(entity(joinKey(event.requesterId), rowKeyOf(event), { hiddenAt: clock.now().toISOString() }), 'Merge');
      await refusedWith([NOT_FOUND], () => client.deleteEntity(STILL_SHOWN, stillShownKeyOf(event)));
    },
  };
}
