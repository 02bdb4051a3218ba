import path from 'node:path';
import { StoreConfigError } from './errors';

/** Where the store lives, parsed from the `STORE` setting. */
export type StoreLocation = SqliteLocation | { kind: 'azureTable' };
export type SqliteLocation = { kind: 'sqliteFile'; path: string } | { kind: 'sqliteMemory' };

const SQLITE = 'sqlite:';
const MEMORY = ':memory:';
/**
 * Only the word: the account comes from separate settings (a connection string may hold a key,
 * and an account URL comes with a credential), so `STORE` itself never carries a secret.
 */
const AZURE_TABLE = 'azure-table';

/**
 * `sqlite:<path>` (relative paths resolve against the working directory, as the default
 * `sqlite:./data/pinbot.db` expects), `sqlite::memory:` for unit tests, or `azure-table`.
 */
export function parseStoreSpec(spec: string): StoreLocation {
  if (spec.trim() === AZURE_TABLE) return { kind: 'azureTable' };
  if (!spec.startsWith(SQLITE)) {
    throw new StoreConfigError(
      'unknownScheme',
      `STORE must be "sqlite:<path>", "sqlite::memory:" or "azure-table"; got scheme ${schemeOf(spec)}`,
    );
  }
  const location = spec.slice(SQLITE.length).trim();
  if (location === MEMORY) return { kind: 'sqliteMemory' };
  if (location === '') throw new StoreConfigError('missingPath', 'STORE "sqlite:" needs a file path, e.g. sqlite:./data/pinbot.db');
  return { kind: 'sqliteFile', path: path.resolve(location) };
}

/** Only the scheme goes into the message: the rest may be a connection string with a key in it. */
function schemeOf(spec: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.exec(spec)?.[0] ?? '(no scheme)';
}
