import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StoreConfigError } from '../errors';
import type { SqliteLocation } from '../spec';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
 * better-sqlite3 is synchronous, so a wait blocks the event loop; write transactions here are a
 * single short UPDATE/INSERT, so real waits are milliseconds and the limit only bounds a stuck peer.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) a database at `location` with the pragmas and schema the store relies on. */
export function openDatabase(location: SqliteLocation): Database.Database {
  const db = connect(location);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function connect(location: SqliteLocation): Database.Database {
  const file = location.kind === 'sqliteMemory' ? ':memory:' : location.path;
  let db: Database.Database | undefined;
  try {
    if (location.kind === 'sqliteFile') fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    configure(db);
    return db;
  } catch (error) {
    db?.close();
    // better-sqlite3 opens lazily: a file that is not a database fails at the first pragma, not here.
    throw new StoreConfigError('cannotOpen', `cannot open the SQLite database at ${file}`, { cause: error });
  }
}

function configure(db: Database.Database): void {
  // Set first: the journal_mode switch below may itself wait for another process opening the file.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers in other processes run while one writes. (":memory:" stays in "memory" mode.)
  db.pragma('journal_mode = WAL');
  // NORMAL, WAL's usual setting: a commit survives a crash of the process at once and a power cut
  // from the next checkpoint on, without an fsync on the event loop per commit (~4 ms each here).
  // The few commits that must survive a power cut go through `durably` below.
  db.pragma('synchronous = NORMAL');
  // better-sqlite3's own build already defaults to ON; said here so that no other build or driver
  // can silently drop the audit → request reference.
  db.pragma('foreign_keys = ON');
}

/**
 * Runs `write` with synchronous = FULL, so its commit is on disk (the WAL fsynced, with every
 * earlier commit) before it returns. For the writes made right before or after an outside effect
 * that must not repeat: the "executing" commit before the Intune action (else a restarted bot
 * could send a second resetPasscode) and "delivered" after a Teams post (else it is posted again).
 */
export function durably<T>(db: Database.Database, write: () => T): T {
  db.pragma('synchronous = FULL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = NORMAL');
  }
}

function migrate(db: Database.Database): void {
  // Cheap read first so that an up-to-date file never takes the write lock on open.
  if (checkedVersion(db) === SCHEMA_VERSION) return;
  // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
  db.transaction(() => {
    const current = checkedVersion(db);
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function checkedVersion(db: Database.Database): number {
  const version = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number') throw new TypeError(`PRAGMA user_version returned ${typeof version}`);
  if (version > SCHEMA_VERSION) {
    throw new StoreConfigError(
      'schemaTooNew',
      `the database has schema version ${version}; this build knows up to ${SCHEMA_VERSION}. Run the newer build.`,
    );
  }
  return version;
}
