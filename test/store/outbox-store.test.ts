import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../../src/store';
import { pragmaValue } from '../../src/store/sqlite/connection';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { makeTempDir, sampleOutboxMessage } from './fixtures';

const message = sampleOutboxMessage;

// The outbox behaviour every store shares is in test/store/contract; this is the SQLite file's migration.
describe('the SQLite outbox', () => {
  let temp: ReturnType<typeof makeTempDir>;

  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => {
    temp.remove();
  });

  it('adds the outbox to a database written before it existed, keeping what was in it', async () => {
    const file = path.join(temp.dir, 'v1.db');
    const v1 = new DatabaseSync(file);
    v1.exec(MIGRATIONS[0] ?? '');
    v1.prepare(`INSERT INTO conversations VALUES ('a:alice', 'personal', 't', 'https://smba.example/', 'alice', '{}', '2025-03-01T08:00:00.000Z', 0)`).run();
    v1.exec('PRAGMA user_version = 1');
    v1.close();

    const upgraded = openStore(`sqlite:${file}`);
    try {
      assert.equal((await upgraded.conversation('a:alice'))?.userAadObjectId, 'alice');
      assert.equal(await upgraded.enqueueMessage(message(1)), 'enqueued');
    } finally {
      upgraded.close();
    }
    const check = new DatabaseSync(file, { readOnly: true });
    try {
      assert.equal(pragmaValue(check, 'user_version'), MIGRATIONS.length);
    } finally {
      check.close();
    }
  });
});
