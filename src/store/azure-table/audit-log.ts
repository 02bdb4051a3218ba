// The audit trail in the `audit` table: PartitionKey = request id (one request's trail is one
// partition, read in key order), RowKey = an append-order key (keys.ts: wall-clock milliseconds,
// a per-process counter, an instance id). Entries are only ever created — createEntity fails
// rather than overwrite — and this code has no update or delete for them. Table Storage cannot
// forbid a person with data-plane write rights from editing rows, so the evidence also depends on
// who holds "Storage Table Data Contributor" (see the README).
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { AuditEntry } from '../../reset/request';
import { StoreWriteError } from '../errors';
import { entity, inPartition, query } from './entities';
import { appendOrderKey, joinKey } from './keys';

const AuditEntity = z.object({ requestId: z.string(), at: z.string(), actor: z.string(), event: z.string(), detail: z.string() });

export class AuditLog {
  constructor(
    private readonly audit: () => Promise<TableClient>,
    /** The requester of a stored request id, or undefined: an entry must refer to a stored request. */
    private readonly requesterOf: (requestId: string) => Promise<string | undefined>,
  ) {}

  async append(entry: AuditEntry): Promise<void> {
    if ((await this.requesterOf(entry.requestId)) === undefined) {
      throw new StoreWriteError('unknownRequest', `no stored request ${entry.requestId} for an audit entry`);
    }
    const { requestId, at, actor, event, detail } = entry;
    await (await this.audit()).createEntity(entity(joinKey(requestId), appendOrderKey(), { requestId, at, actor, event, detail }));
  }

  async entriesOf(requestId: string): Promise<AuditEntry[]> {
    const rows = await query(await this.audit(), inPartition(joinKey(requestId)));
    return rows.map((row) => AuditEntity.parse(row));
  }
}
