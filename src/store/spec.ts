import path from 'node:path';
import { StoreConfigError } from './errors';

/** Where the store lives, parsed from the `STORE` setting. */
export type StoreLocation = { kind: 'sqliteFile'; path: string } | { kind: 'sqliteMemory' };

const SQLITE = 'sqlite:';
const MEMORY = ':memory:';

/**
 * `sqlite:<path>` (relative paths resolve against the working directory, as the default
 * `sqlite:./data/pinbot.db` expects) or `sqlite::memory:` for unit tests.
 */
export function parseStoreSpec(spec: string): StoreLocation {
  if (!spec.startsWith(SQLITE)) {
    throw new StoreConfigError('unknownScheme', `STORE must be "sqlite:<path>" or "sqlite::memory:"; got scheme ${schemeOf(spec)}`);
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
