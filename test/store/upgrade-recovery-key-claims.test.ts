// Schema V7 lets a claimed (`pending`) recovery-key attempt be settled once, so the daily limit can
// be claimed before Graph is asked. A file written by V6 holds settled events only: after the
// upgrade they are all still there, still count, and still cannot be rewritten.
import assert from 'node:assert/strict';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openStore } from '../../src/store';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { makeTempDir } from './fixtures';

const USER = 'e5a1c7d2-0000-4000-8000-00000000d001';

describe('upgrading a SQLite file to claimed recovery-key attempts (V7)', () => {
  let temp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    temp = makeTempDir();
  });
  afterEach(() => temp.remove());

  it('keeps the V6 events, counts them, and still refuses to rewrite them', async () => {
    const file = path.join(temp.dir, 'v6.db');
    const v6 = new DatabaseSync(file);
    for (const sql of MIGRATIONS.slice(0, 6)) v6.exec(sql);
    const insert = v6.prepare(`INSERT INTO recovery_key_events
      (id, at, at_ms, tenant_id, requester_id, managed_device_id, device_name, outcome, key_id, locale, conversation_id, message_id, hide_at)
      VALUES (?, ?, ?, 't1', ?, 'pc-1', 'PC-1', ?, ?, 'en-US', 'a:personal', ?, ?)`);
    const at = '2026-03-15T09:00:00.000Z';
    insert.run('shown-1', at, Date.parse(at), USER, 'shown', 'k1', 'msg-1', '2026-03-15T09:05:00.000Z');
    insert.run('wrong-1', at, Date.parse(at), USER, 'wrongKeyId', null, null, null);
    v6.exec('PRAGMA user_version = 6');
    v6.close();

    const store = openStore(`sqlite:${file}`);
    const raw = new DatabaseSync(file);
    try {
      assert.deepEqual((await store.recoveryKeyEventsOf(USER)).map((e) => [e.id, e.outcome]), [['shown-1', 'shown'], ['wrong-1', 'wrongKeyId']]);
      assert.equal(await store.countRecoveryKeyAttemptsSince(USER, '2026-03-15T00:00:00.000Z'), 2);
      assert.deepEqual((await store.recoveryKeysStillShown()).map((e) => e.id), ['shown-1']);
      assert.throws(() => raw.prepare("UPDATE recovery_key_events SET outcome = 'nothingShown' WHERE id = 'wrong-1'").run(), /append-only/);
      const [shown, wrong] = await store.recoveryKeyEventsOf(USER);
      assert.ok(shown && wrong);
      await store.settleRecoveryKeyAttempt({ ...wrong, outcome: 'nothingShown' });
      assert.equal(await store.countRecoveryKeyAttemptsSince(USER, '2026-03-15T00:00:00.000Z'), 2, 'a settled event is not settled again');
      assert.equal((await store.claimRecoveryKeyAttempt({ ...shown, id: 'next', outcome: 'pending' }, { max: 2, sinceIso: '2026-03-15T00:00:00.000Z' })).kind, 'limitReached');
      const next = { ...shown, id: 'next', at: '2026-03-15T10:00:00.000Z', outcome: 'pending' as const, keyId: null, messageId: null, hideAt: null };
      assert.equal((await store.claimRecoveryKeyAttempt(next, { max: 3, sinceIso: '2026-03-15T00:00:00.000Z' })).kind, 'claimed');
      await store.settleRecoveryKeyAttempt({ ...next, outcome: 'shown', keyId: 'k1', messageId: 'msg-2', hideAt: '2026-03-15T10:05:00.000Z' });
      assert.deepEqual((await store.recoveryKeysStillShown()).map((e) => e.id), ['shown-1', 'next'], 'a claim on the upgraded file is settled');
    } finally {
      raw.close();
      store.close();
    }
  });
});
