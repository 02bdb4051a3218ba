// The seven tables of the Azure Table store and how to reach them. Clients are built at open
// (synchronously, so `openStore` keeps its shape); the tables themselves are created on first use
// (createTable answers "already exists" harmlessly), or up front through `ready()`.
import { TableClient } from '@azure/data-tables';
import type { TokenCredential } from '@azure/identity';
import { StoreConfigError } from '../errors';

/** Which account `STORE=azure-table` uses; passed in by the composition root, never read from the environment here. */
export interface AzureTableSettings {
  /** A storage connection string (a key or SAS inside): local development, Azurite, tests. */
  connectionString?: string;
  /** `https://<account>.table.core.windows.net`, used with `credential` (managed identity): no key in production. */
  accountUrl?: string;
  credential?: TokenCredential;
  /** Prepended to every table name (letters and digits), so several bots or test runs can share one account. */
  tablePrefix?: string;
}

export const TABLE_NAMES = {
  requests: 'requests',
  requestIndex: 'requestindex',
  audit: 'audit',
  conversations: 'conversations',
  conversationIndex: 'conversationindex',
  outbox: 'outbox',
  settings: 'settings',
  recoveryKeys: 'recoverykeys',
} as const;
export type TableRole = keyof typeof TABLE_NAMES;

export interface Tables {
  /** The client of one table, once every table exists. */
  table(role: TableRole): Promise<TableClient>;
  /** Creates the missing tables; rejects with StoreConfigError('cannotOpen') when the account cannot be used. */
  ready(): Promise<void>;
}

const DEFAULT_PREFIX = 'pinbot';
// Table names are 3–63 letters and digits starting with a letter; the longest role adds 17.
const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,45}$/;

export function connectTables(settings: AzureTableSettings): Tables {
  const prefix = settings.tablePrefix ?? DEFAULT_PREFIX;
  if (!PREFIX.test(prefix)) throw new StoreConfigError('invalidAzureSettings', 'the Azure table prefix must be a letter followed by up to 45 letters or digits');
  const open = clientFactory(settings);
  const clients = Object.fromEntries(Object.entries(TABLE_NAMES).map(([role, name]) => [role, open(`${prefix}${name}`)])) as Record<TableRole, TableClient>;
  let created: Promise<void> | undefined;
  const ready = (): Promise<void> => {
    created ??= createAll(Object.values(clients)).catch((error: unknown) => {
      // Not memoised as failed: a role assignment that is still propagating works a minute later.
      created = undefined;
      throw error;
    });
    return created;
  };
  return {
    ready,
    async table(role) {
      await ready();
      return clients[role];
    },
  };
}

async function createAll(clients: readonly TableClient[]): Promise<void> {
  try {
    await Promise.all(clients.map((client) => client.createTable()));
  } catch (error) {
    throw new StoreConfigError('cannotOpen', `cannot create or reach the Azure tables at ${withoutQuery(clients[0]?.url)}`, { cause: error });
  }
}

function clientFactory(settings: AzureTableSettings): (table: string) => TableClient {
  const { connectionString, accountUrl, credential } = settings;
  if (connectionString !== undefined && connectionString !== '' && accountUrl !== undefined && accountUrl !== '') {
    throw new StoreConfigError('conflictingAzureSettings', 'set either the Azure storage connection string or the account URL, not both');
  }
  if (connectionString !== undefined && connectionString !== '') {
    const allowInsecureConnection = isLoopback(tableEndpointOf(connectionString));
    return (table) => wrapInvalid(() => TableClient.fromConnectionString(connectionString, table, { allowInsecureConnection }));
  }
  if (accountUrl === undefined || accountUrl === '' || credential === undefined) {
    throw new StoreConfigError('missingAzureSettings', 'STORE=azure-table needs a connection string, or an account URL with a credential');
  }
  const url = parseAccountUrl(accountUrl);
  return (table) => new TableClient(url.href.replace(/\/$/, ''), table, credential, { allowInsecureConnection: url.protocol === 'http:' });
}

function parseAccountUrl(accountUrl: string): URL {
  let url: URL;
  try {
    url = new URL(accountUrl);
  } catch (error) {
    throw new StoreConfigError('invalidAzureSettings', 'the Azure storage account URL is not a URL', { cause: error });
  }
  // Bearer tokens must not travel in clear text; plain http is for Azurite on this machine only.
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.href))) {
    throw new StoreConfigError('invalidAzureSettings', `the Azure storage account URL must use https (got ${url.protocol})`);
  }
  if (url.search !== '') throw new StoreConfigError('invalidAzureSettings', 'the Azure storage account URL must not carry a query (a SAS belongs in a connection string)');
  return url;
}

function wrapInvalid(build: () => TableClient): TableClient {
  try {
    return build();
  } catch (error) {
    // The SDK's messages name the part that is wrong, never the key; the string itself is not echoed.
    throw new StoreConfigError('invalidAzureSettings', 'the Azure storage connection string is not valid', { cause: error });
  }
}

function tableEndpointOf(connectionString: string): string | undefined {
  return /(?:^|;)\s*TableEndpoint=([^;]+)/i.exec(connectionString)?.[1];
}

function isLoopback(endpoint: string | undefined): boolean {
  if (endpoint === undefined) return false;
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(endpoint).hostname);
  } catch {
    return false; // not a URL: the SDK reports it when it parses the connection string
  }
}

function withoutQuery(url: string | undefined): string {
  if (url === undefined) return '(no table)';
  const parsed = new URL(url);
  parsed.search = '';
  return parsed.href;
}
