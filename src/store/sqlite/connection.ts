import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type SQLInputValue, type SQLOutputValue, type StatementResultingChanges } from 'node:sqlite';
import { StoreConfigError } from '../errors';
import type { SqliteLocation } from '../spec';
import { MIGRATIONS, SCHEMA_VERSION } from './schema';

/** One connection to the store's database: Node's built-in SQLite (no native addon to build). */
export type Database = DatabaseSync;

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
 * node:sqlite is synchronous, so a wait blocks the event loop; write transactions here are a
 * single short UPDATE/INSERT, so real waits are milliseconds and the limit only bounds a stuck peer.
 */
export const BUSY_TIMEOUT_MS = 5_000;

/** Opens (creating if needed) a database at `location` with the pragmas and schema the store relies on. */
export function openDatabase(location: SqliteLocation): Database {
  const db = connect(location);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

function connect(location: SqliteLocation): Database {
  const file = location.kind === 'sqliteMemory' ? ':memory:' : location.path;
  let db: Database | undefined;
  try {
    if (location.kind === 'sqliteFile') fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new DatabaseSync(file);
    configure(db);
    return db;
  } catch (error) {
    db?.close();
    // SQLite opens lazily: a file that is not a database fails at the first pragma, not here.
    throw new StoreConfigError('cannotOpen', `cannot open the SQLite database at ${file}`, { cause: error });
  }
}

function configure(db: Database): void {
  // Set first: the journal_mode switch below may itself wait for another process opening the file.
  db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets readers in other processes run while one writes. (":memory:" stays in "memory" mode.)
  db.exec('PRAGMA journal_mode = WAL');
  // NORMAL, WAL's usual setting: a commit survives a crash of the process at once and a power cut
  // from the next checkpoint on, without an fsync on the event loop per commit (~4 ms each here).
  // The few commits that must survive a power cut go through `durably` below.
  db.exec('PRAGMA synchronous = NORMAL');
  // node:sqlite turns this on by default (its `enableForeignKeyConstraints`); said here so that
  // no other build or driver can silently drop the audit → request reference.
  db.exec('PRAGMA foreign_keys = ON');
}

type Row = Record<string, SQLOutputValue>;

/**
 * A prepared statement whose named parameters the compiler checks (node:sqlite's own typings take
 * any record). node:sqlite throws on a parameter the SQL does not name, but binds NULL for one the
 * object lacks: `P` is what keeps a renamed column from being written as NULL.
 */
export interface Statement<P extends Record<string, SQLInputValue>> {
  run(params: P): StatementResultingChanges;
  get(params: P): Row | undefined;
  all(params: P): Row[];
}

export function prepareNamed<P extends Record<string, SQLInputValue>>(db: Database, source: string): Statement<P> {
  return db.prepare(source);
}

/** The value of a pragma that answers one row with one column (`PRAGMA synchronous`, `user_version`). */
export function pragmaValue(db: Database, name: string): unknown {
  const row = db.prepare(`PRAGMA ${name}`).get();
  return row === undefined ? undefined : Object.values(row)[0];
}

/**
 * Runs `work` in a BEGIN IMMEDIATE transaction: the write lock is taken before the first read, so
 * two processes cannot both read version N and then both write (with a deferred transaction the
 * second one's lock upgrade would fail with SQLITE_BUSY instead of waiting for the first). Any
 * throw rolls back. Not re-entrant: store operations never nest transactions.
 */
export function immediate<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs `write` with synchronous = FULL, so its commit is on disk (the WAL fsynced, with every
 * earlier commit) before it returns. For the writes made right before or after an outside effect
 * that must not repeat: the "executing" commit before the Intune action (else a restarted bot
 * could send a second resetPasscode) and "delivered" after a Teams post (else it is posted again).
 */
export function durably<T>(db: Database, write: () => T): T {
  db.exec('PRAGMA synchronous = FULL');
  try {
    return write();
  } finally {
    db.exec('PRAGMA synchronous = NORMAL');
  }
}

function migrate(db: Database): void {
  // Cheap read first so that an up-to-date file never takes the write lock on open.
  if (checkedVersion(db) === SCHEMA_VERSION) return;
  // IMMEDIATE: two processes opening a fresh file must not both run the same migration.
  immediate(db, () => {
    const current = checkedVersion(db);
    for (const sql of MIGRATIONS.slice(current)) db.exec(sql);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
  });
}

function checkedVersion(db: Database): number {
  const version = pragmaValue(db, 'user_version');
  if (typeof version !== 'number') throw new TypeError(`PRAGMA user_version returned ${typeof version}`);
  if (version > SCHEMA_VERSION) {
    throw new StoreConfigError(
      'schemaTooNew',
      `the database has schema version ${version}; this build knows up to ${SCHEMA_VERSION}. Run the newer build.`,
    );
  }
  return version;
}
