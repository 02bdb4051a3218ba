import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { pragmaValue } from '../../src/store/sqlite/connection';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema';
import { openStore, StoreConfigError, type Store } from '../../src/store';
import { makeTempDir, sampleRequest } from './fixtures';

function rejectsWith(reason: StoreConfigError['reason']) {
  return (error: unknown): boolean => error instanceof StoreConfigError && error.reason === reason;
}

describe('opening the store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  const opened: Store[] = [];
  const open = (spec: string): Store => {
    const store = openStore(spec);
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => {
    opened.splice(0).forEach((store) => store.close());
    temp.remove();
  });

  it('creates a missing folder and the database file for a relative sqlite: path', async () => {
    const file = path.join(temp.dir, 'data', 'nested', 'pinbot.db');
    const store = open(`sqlite:${path.relative(process.cwd(), file)}`);
    await store.insertRequest(sampleRequest());
    assert.ok(fs.existsSync(file));
  });

  it('opens an absolute sqlite: path', async () => {
    const file = path.join(temp.dir, 'pinbot.db');
    await open(`sqlite:${file}`).insertRequest(sampleRequest());
    assert.ok(fs.existsSync(file));
  });

  it('opens an in-memory store for unit tests', async () => {
    const store = open('sqlite::memory:');
    await store.insertRequest(sampleRequest());
    assert.equal((await store.getRequest('req-1'))?.state, 'awaiting_confirmation');
  });

  it('refuses an unknown scheme with a typed reason and without echoing a connection string', () => {
    const spec = 'DefaultEndpointsProtocol=https;AccountName=pinbot;AccountKey=c2VjcmV0LWtleQ==';
    assert.throws(() => openStore(spec), rejectsWith('unknownScheme'));
    assert.throws(() => openStore(spec), (error: Error) => !error.message.includes('c2VjcmV0'));
    assert.throws(() => openStore('postgres://db/pinbot'), rejectsWith('unknownScheme'));
  });

  it('refuses sqlite: without a path', () => {
    assert.throws(() => openStore('sqlite:'), rejectsWith('missingPath'));
  });

  it('refuses a file that is not a SQLite database, keeping the cause', () => {
    const file = path.join(temp.dir, 'notes.txt');
    fs.writeFileSync(file, 'this is not a database, just some text that is long enough to have a header');
    assert.throws(
      () => openStore(`sqlite:${file}`),
      (error: unknown) => rejectsWith('cannotOpen')(error) && error instanceof Error && error.cause !== undefined,
    );
  });

  it('uses write-ahead logging and records the schema version in the file', () => {
    const file = path.join(temp.dir, 'pinbot.db');
    open(`sqlite:${file}`);
    const raw = new DatabaseSync(file, { readOnly: true });
    try {
      assert.equal(pragmaValue(raw, 'journal_mode'), 'wal');
      assert.equal(pragmaValue(raw, 'user_version'), SCHEMA_VERSION);
    } finally {
      raw.close();
    }
  });

  it('refuses a file migrated by a newer build instead of writing to it', () => {
    const file = path.join(temp.dir, 'pinbot.db');
    open(`sqlite:${file}`).close();
    const raw = new DatabaseSync(file);
    raw.exec('PRAGMA user_version = 99');
    raw.close();
    assert.throws(() => openStore(`sqlite:${file}`), rejectsWith('schemaTooNew'));
  });

  it('keeps a confirmed request across a reopen of the file', async () => {
    const spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
    const first = openStore(spec);
    await first.insertRequest(sampleRequest());
    const approved = await first.transition('req-1', 1, 'approved', { nextCheckAt: '2025-03-01T09:05:00.000Z' });
    first.close();

    const reopened = open(spec);
    assert.deepEqual(await reopened.getRequest('req-1'), approved);
  });

  it('lets a second connection open a file another one already created', async () => {
    const spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
    const first = open(spec);
    const second = open(spec);
    await first.insertRequest(sampleRequest());
    assert.equal((await second.getRequest('req-1'))?.id, 'req-1');
  });
});
