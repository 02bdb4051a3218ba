// MAX_REQUESTS_PER_USER_PER_DAY on Table Storage. A requester's requests share one partition of
// `requests` (PartitionKey = requester id), and so does their counter entity:
//
//   PartitionKey "<requester id>", RowKey "counter|inserts"  → { inserts } (a request's RowKey never holds "|")
//
// Every insert is ONE entity group transaction: the counter written with If-Match on the ETag read
// before counting (create when there is none yet), and the request created. Any insert of the same
// requester that commits after that read changes the ETag, so this transaction fails with 412 and
// the round starts again with a fresh read and count: the count and the insert are atomic, across
// instances, with no read-then-insert window. The limit counts requests created in the last
// 24 hours (a rolling window, as on SQLite), not per calendar day: the counter entity only orders
// the inserts; the count is the partition's own "created since" query. A crash leaves nothing to
// repair — the transaction either happened whole or not at all.
import type { TableClient, TableEntity } from '@azure/data-tables';
import { z } from 'zod';
import type { InsertRules } from '../../reset/ports';
import type { ResetRequest } from '../../reset/request';
import { StoreWriteError } from '../errors';
import { ALREADY_EXISTS, entity, ETAG_MISMATCH, readEntity, refusedWith } from './entities';
import { joinKey } from './keys';

const COUNTER_ROW = 'counter|inserts';
/** Inserts of one requester contend for the counter; each round one of them wins. */
const MAX_ROUNDS = 20;

const CounterEntity = z.object({ inserts: z.number().int() });

export class RequesterCounter {
  constructor(
    private readonly requests: () => Promise<TableClient>,
    private readonly countSince: (requesterId: string, sinceIso: string) => Promise<number>,
  ) {}

  async createCounted(request: ResetRequest, row: TableEntity, limit: InsertRules['dailyLimit']): Promise<'inserted' | 'dailyLimitReached'> {
    const partitionKey = joinKey(request.requesterId);
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const client = await this.requests();
      const counter = await readEntity(client, partitionKey, COUNTER_ROW);
      if (limit !== undefined && (await this.countSince(request.requesterId, limit.sinceIso)) >= limit.max) return 'dailyLimitReached';
      const inserts = counter === undefined ? 1 : CounterEntity.parse(counter).inserts + 1;
      const next = entity(partitionKey, COUNTER_ROW, { inserts });
      const committed = await refusedWith([ALREADY_EXISTS, ETAG_MISMATCH], () =>
        client.submitTransaction([counter === undefined ? ['create', next] : ['update', next, 'Replace', { etag: counter.etag }], ['create', row]]),
      );
      if (committed) return 'inserted';
      // Another insert of this requester won the round: wait a moment, less in step each round.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (round + 1)));
    }
    throw new StoreWriteError('tooManyConflicts', `inserting request ${request.id} lost its requester's counter ${MAX_ROUNDS} times`);
  }
}
