// Direct access to the tables behind an Azure Table store, for tests that play a crashed instance
// or a person editing rows: what the store must survive without having written it itself.
import { TableClient } from '@azure/data-tables';
import { openStore, type Store, type StoreOptions } from '../../../src/store';
import { nextTablePrefix, sharedAzurite } from '../contract/stores';

export interface AzureWorld {
  open(options?: Omit<StoreOptions, 'azure'>): Store;
  /** A plain client of one of the store's tables (`requests`, `requestindex`, `outbox`, …). */
  raw(table: string): TableClient;
  connectionString: string;
  tablePrefix: string;
}

export async function azureWorld(): Promise<AzureWorld> {
  const { connectionString } = await sharedAzurite();
  const tablePrefix = nextTablePrefix();
  return {
    connectionString,
    tablePrefix,
    open: (options = {}) => openStore('azure-table', { ...options, azure: { connectionString, tablePrefix } }),
    raw: (table) => TableClient.fromConnectionString(connectionString, `${tablePrefix}${table}`, { allowInsecureConnection: true }),
  };
}

/** Every entity of a table, keys and all. */
export async function allEntities(client: TableClient): Promise<Array<Record<string, unknown> & { partitionKey?: string; rowKey?: string }>> {
  const found: Array<Record<string, unknown>> = [];
  for await (const entity of client.listEntities<Record<string, unknown>>()) found.push(entity);
  return found;
}
