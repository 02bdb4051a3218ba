// "At most N a day" on Table Storage, for the two per-user limits: MAX_REQUESTS_PER_USER_PER_DAY
// (reset requests) and RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY (recovery-key attempts). The counted rows
// of one requester share one partition (`requests` or `recoverykeys`, PartitionKey = requester id),
// and so does a counter entity:
//
//   PartitionKey "<requester id>", RowKey "counter|<what>"  → { inserts } (no counted RowKey holds "|")
//
// Every insert is ONE entity group transaction: the counter written with If-Match on the ETag read
// before counting (create when there is none yet), and the row created. Any insert of the same
// requester that commits after that read changes the ETag, so this transaction fails with 412 and
// the round starts again with a fresh read and count: the count and the insert are atomic, across
// instances, with no read-then-insert window. The limit counts rows of the last 24 hours (a rolling
// window, as on SQLite), not per calendar day: the counter entity only orders the inserts; the
// count is the partition's own "since" query. A crash leaves nothing to repair — the transaction
// either happened whole or not at all.
import type { TableClient, TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import { StoreWriteError } from '../errors';
import { ALREADY_EXISTS, entity, ETAG_MISMATCH, readEntity, refusedWith } from './entities';

/** Inserts of one requester contend for the counter; each round one of them wins. */
const MAX_ROUNDS = 20;

const CounterEntity = z.object({ inserts: z.number().int() });

/** One requester's partition of counted rows. */
export interface CountedPartition {
  client: () => Promise<TableClient>;
  partitionKey: string;
  /** `counter|requests`, `counter|attempts`: what the counter orders. */
  counterRow: string;
  /** The partition's counted rows since then (never the counter itself). */
  countSince: (sinceIso: string) => Promise<number>;
}

export type CountedInsert = { kind: 'inserted'; countBefore: number } | { kind: 'limitReached' };

/** Creates `row` in the partition only when fewer than `limit.max` rows counted since `limit.sinceIso` (no limit: always). */
export async function insertUnderLimit(partition: CountedPartition, row: TableEntity, limit: { max: number; sinceIso: string } | undefined): Promise<CountedInsert> {
  const { partitionKey, counterRow } = partition;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const client = await partition.client();
    const counter = await readEntity(client, partitionKey, counterRow);
    const countBefore = limit === undefined ? 0 : await partition.countSince(limit.sinceIso);
    if (limit !== undefined && countBefore >= limit.max) return { kind: 'limitReached' };
    const inserts = counter === undefined ? 1 : CounterEntity.parse(counter).inserts + 1;
    const next = entity(partitionKey, counterRow, { inserts });
    const committed = await refusedWith([ALREADY_EXISTS, ETAG_MISMATCH], () =>
      client.submitTransaction([counter === undefined ? ['create', next] : ['update', next, 'Replace', { etag: counter.etag }], ['create', row]]),
    );
    if (committed) return { kind: 'inserted', countBefore };
    // Another insert of this requester won the round: wait a moment, less in step each round.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
  }
  throw new StoreWriteError('tooManyConflicts', `inserting ${String(row.rowKey)} lost its requester's ${counterRow} ${MAX_ROUNDS} times`);
}
