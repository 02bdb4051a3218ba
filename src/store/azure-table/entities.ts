// Small helpers over TableClient that every store here uses: status codes of refusals, reads that
// answer undefined for "not there", whole-query reads, and null-free entities.
import { odata, RestError, type TableClient, type TableEntity } from '@azure/data-tables';

/** What Table Storage says when a write's precondition fails. */
export const NOT_FOUND = 404;
export const ALREADY_EXISTS = 409;
/** If-Match on a stale ETag: someone else wrote the entity since we read it. */
export const ETAG_MISMATCH = 412;

export function statusOf(error: unknown): number | undefined {
  return error instanceof RestError ? error.statusCode : undefined;
}

/** Runs a write; a refusal with one of `statuses` becomes `false`, anything else is thrown on. */
export async function refusedWith(statuses: readonly number[], write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    const status = statusOf(error);
    if (status !== undefined && statuses.includes(status)) return false;
    throw error;
  }
}

export type Stored = Record<string, unknown> & { etag: string };

/** One entity with its ETag, or undefined when there is none. */
export async function readEntity(client: TableClient, partitionKey: string, rowKey: string): Promise<Stored | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (statusOf(error) === NOT_FOUND) return undefined;
    throw error;
  }
}

/** Every entity of a query, in key order. Callers keep queries to one partition or key range. */
export async function query(client: TableClient, filter: string, select?: string[]): Promise<Stored[]> {
  const found: Stored[] = [];
  for await (const entity of client.listEntities<Record<string, unknown>>({ queryOptions: { filter, select } })) found.push(entity);
  return found;
}

export function inPartition(partitionKey: string): string {
  return odata`PartitionKey eq ${partitionKey}`;
}

export function inRange(partitionKey: string, range: { from: string; to: string }): string {
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${range.from} and RowKey lt ${range.to}`;
}

/**
 * Table Storage has no null: a property is there or not. Writes drop null/undefined (so a Replace
 * clears the field) and readers parse a missing property as null.
 */
export function entity(partitionKey: string, rowKey: string, properties: Record<string, unknown>): TableEntity {
  const present = Object.entries(properties).filter(([, value]) => value !== null && value !== undefined);
  return { partitionKey, rowKey, ...Object.fromEntries(present) };
}

/** Runs up to `limit` calls at once: verification reads after an index query fan out, but politely. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index];
      if (item !== undefined) results[index] = await map(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
