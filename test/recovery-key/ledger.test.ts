// The recovery-key ledger on both stores (SQLite file, Azure Table Storage in Azurite): the audit of
// who was shown a key of which device, the attempt count behind the daily limit, and the messages
// still to hide after a restart. It never holds the key: there is no field for one.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { RecoveryKeyEvent } from '../../src/recovery-key';
import { openStore, type Store } from '../../src/store';
import { forEachStore } from '../store/contract/stores';

const USER = 'e5a1c7d2-0000-4000-8000-000000000001';

function event(overrides: Partial<RecoveryKeyEvent> = {}): RecoveryKeyEvent {
  return {
    id: `ev-${Math.random().toString(36).slice(2)}`,
    at: '2026-03-15T09:00:00.000Z',
    tenantId: 't1',
    requesterId: USER,
    managedDeviceId: 'd0c1e5a0-0000-4000-8000-000000000010',
    deviceName: 'MEILING-LAPTOP',
    outcome: 'shown',
    keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    locale: 'zh-TW',
    conversationId: 'a:personal',
    messageId: 'msg-1',
    hideAt: '2026-03-15T09:05:00.000Z',
    ...overrides,
  };
}

const NO_LIMIT = { max: 1000, sinceIso: '2000-01-01T00:00:00.000Z' };

/** An event as the use case writes it: claimed under the limit, then settled. */
async function record(store: Store, recorded: RecoveryKeyEvent): Promise<void> {
  assert.equal((await store.claimRecoveryKeyAttempt({ ...recorded, outcome: 'pending', keyId: null, messageId: null, hideAt: null }, NO_LIMIT)).kind, 'claimed');
  await store.settleRecoveryKeyAttempt(recorded);
}

describe('the recovery-key ledger', () => {
  forEachStore((_name, open) => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });

    it('reads events back as recorded, oldest first', async () => {
      const first = event({ at: '2026-03-15T08:00:00.000Z', outcome: 'wrongKeyId', keyId: null, messageId: null, hideAt: null });
      const second = event();
      await record(store, second);
      await record(store, first);
      assert.deepEqual(await store.recoveryKeyEventsOf(USER), [first, second]);
    });

    it('counts the attempts of one person since a time that Graph answered about a key, or that still run', async () => {
      await record(store, event({ at: '2026-03-14T08:59:59.000Z' }));
      await record(store, event({ at: '2026-03-14T09:00:00.000Z', outcome: 'wrongKeyId' }));
      await record(store, event({ at: '2026-03-15T08:00:00.000Z', outcome: 'notAllowed' }));
      await record(store, event({ requesterId: 'someone-else' }));
      await record(store, event({ at: '2026-03-15T08:30:00.000Z', outcome: 'nothingShown', keyId: null, messageId: null, hideAt: null }));
      await store.claimRecoveryKeyAttempt(event({ at: '2026-03-15T08:40:00.000Z', outcome: 'pending' }), NO_LIMIT);
      assert.equal(await store.countRecoveryKeyAttemptsSince(USER, '2026-03-14T09:00:00.000Z'), 3);
    });

    it('lists shown keys until their message is marked hidden (what a restart must still hide)', async () => {
      const shown = event();
      await record(store, shown);
      await record(store, event({ outcome: 'wrongKeyId', keyId: null, messageId: null, hideAt: null }));
      assert.deepEqual((await store.recoveryKeysStillShown()).map((e) => e.id), [shown.id]);
      await store.markRecoveryKeyHidden(shown);
      assert.deepEqual(await store.recoveryKeysStillShown(), []);
      assert.equal((await store.recoveryKeyEventsOf(USER)).length, 2, 'hiding keeps the evidence');
    });

  });
});

describe('the recovery-key ledger in SQLite', () => {
  it('refuses, in the database itself, to delete an event or rewrite what happened; only hiding is recorded', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pinbot-keys-'));
    const file = path.join(dir, 'pinbot.db');
    const store = openStore(`sqlite:${file}`);
    const raw = new DatabaseSync(file);
    try {
      const recorded = event();
      await record(store, recorded);
      assert.throws(() => raw.prepare("UPDATE recovery_key_events SET outcome = 'pending'").run(), /append-only/, 'settled once');
      assert.throws(() => raw.prepare('DELETE FROM recovery_key_events').run(), /append-only/);
      assert.throws(() => raw.prepare("UPDATE recovery_key_events SET outcome = 'wrongKeyId'").run(), /append-only/);
      assert.throws(() => raw.prepare('UPDATE recovery_key_events SET key_id = NULL').run(), /append-only/);
      const claimed = event({ outcome: 'pending', keyId: null, messageId: null, hideAt: null });
      await store.claimRecoveryKeyAttempt(claimed, NO_LIMIT);
      const onClaim = raw.prepare('UPDATE recovery_key_events SET managed_device_id = ?, requester_id = ? WHERE id = ?');
      assert.throws(() => onClaim.run('another-device', USER, claimed.id), /append-only/, 'a claim keeps its device');
      assert.throws(() => onClaim.run(claimed.managedDeviceId, 'someone-else', claimed.id), /append-only/, 'and its requester');
      await store.markRecoveryKeyHidden(recorded);
      assert.throws(() => raw.prepare("UPDATE recovery_key_events SET hidden_at = '2030-01-01T00:00:00Z'").run(), /append-only/, 'hidden once');
      const columns = raw.prepare('SELECT name FROM pragma_table_info(?)').all('recovery_key_events').map((row) => row['name']);
      assert.deepEqual(columns.filter((c) => /^key$|password|secret/.test(String(c))), [], 'no column for a key');
    } finally {
      raw.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
