import assert from 'node:assert/strict';
import path from 'node:path';
import { durably, openDatabase, pragmaValue, type Database } from '../../src/store/sqlite/connection';
import { sqliteOutboxStore } from '../../src/store/sqlite/outbox-store';
import { sqliteRequestStore } from '../../src/store/sqlite/request-store';
import { makeTempDir, ManualClock, sampleOutboxMessage, sampleRequest } from './fixtures';

const NORMAL = 1;
const FULL = 2;

/** The synchronous level each statement of `db` ran under, recorded as it ran. */
function recordSyncLevels(db: Database): { levels: number[] } {
  const seen = { levels: [] as number[] };
  // Prepared before the wrapping below, so reading the level is not itself recorded.
  const level = db.prepare('PRAGMA synchronous');
  const prepare = db.prepare.bind(db);
  // Every store statement is prepared once up front; wrap run/get so each execution notes the level.
  db.prepare = ((source: string) => {
    const statement = prepare(source);
    for (const method of ['run', 'get'] as const) {
      const original = statement[method].bind(statement) as (...args: unknown[]) => unknown;
      Object.assign(statement, { [method]: (...args: unknown[]) => (seen.levels.push(Number(level.get()?.['synchronous'])), original(...args)) });
    }
    return statement;
  });
  return seen;
}

// Commits are fsynced only where losing one to a power cut would repeat an outside effect.
describe('SQLite commits that must survive a power cut', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let db: Database;

  beforeEach(() => {
    temp = makeTempDir();
    db = openDatabase({ kind: 'sqliteFile', path: path.join(temp.dir, 'pinbot.db') });
  });
  afterEach(() => {
    db.close();
    temp.remove();
  });

  it('commits ordinary writes without an fsync each (synchronous = NORMAL)', () => {
    assert.equal(pragmaValue(db, 'synchronous'), NORMAL);
  });

  it('runs a durable write with synchronous = FULL and goes back to NORMAL, also when it throws', () => {
    assert.equal(durably(db, () => pragmaValue(db, 'synchronous')), FULL);
    assert.equal(pragmaValue(db, 'synchronous'), NORMAL);
    assert.throws(() => durably(db, () => { throw new Error('write failed'); }), /write failed/);
    assert.equal(pragmaValue(db, 'synchronous'), NORMAL);
  });

  it('commits the move to executing with FULL and other moves with NORMAL', async () => {
    const seen = recordSyncLevels(db);
    const store = sqliteRequestStore(db, new ManualClock());
    await store.insertRequest(sampleRequest({ state: 'approved' }));
    const before = seen.levels.length;
    const executing = await store.transition('req-1', 1, 'executing');
    assert.ok(executing);
    assert.ok(seen.levels.slice(before).every((level) => level === FULL), `executing ran under ${seen.levels.slice(before).join(',')}`);
    const afterExecuting = seen.levels.length;
    await store.transition('req-1', 2, 'succeeded');
    assert.deepEqual([...new Set(seen.levels.slice(afterExecuting))], [NORMAL]);
    assert.deepEqual([...new Set(seen.levels.slice(0, before))], [NORMAL]);
  });

  it('marks an outbox message delivered with FULL', async () => {
    const seen = recordSyncLevels(db);
    const clock = new ManualClock();
    const outbox = sqliteOutboxStore(db);
    await outbox.enqueueMessage(sampleOutboxMessage(1, { createdAt: clock.now().toISOString() }));
    const [claimed] = await outbox.claimDueMessages('me', clock.now(), 60_000, 1);
    assert.ok(claimed);
    const before = seen.levels.length;
    await outbox.completeMessage(claimed.id, 'me', { activityId: 'a1', conversationId: 'a:user-1' });
    assert.ok(seen.levels.length > before);
    assert.deepEqual([...new Set(seen.levels.slice(before))], [FULL]);
  });
});
