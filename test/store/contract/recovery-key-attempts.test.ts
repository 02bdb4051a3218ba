// RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY in the store (review finding: a count, then Graph, then a
// write let parallel clicks through). "Record an attempt only if under the limit" is one atomic
// step: racing claims in one store, across store instances (two bot instances) and across two
// processes let exactly `max` through — on SQLite and on Azure Table Storage (Azurite) alike.
import assert from 'node:assert/strict';
import type { AttemptClaim, RecoveryKeyEvent } from '../../../src/recovery-key';
import path from 'node:path';
import { startRaceProcess } from '../../support/race-process';
import { RACED_KEY_REQUESTER } from '../fixtures';
import { forEachStore } from './stores';

const USER = 'e5a1c7d2-0000-4000-8000-00000000c001';
const limit = { max: 3, sinceIso: '2026-03-14T09:00:00.000Z' };
let events = 0;

function attempt(overrides: Partial<RecoveryKeyEvent> = {}): RecoveryKeyEvent {
  events += 1;
  return {
    id: `attempt-${events}`,
    at: '2026-03-15T09:00:00.000Z',
    tenantId: 't1',
    requesterId: USER,
    managedDeviceId: 'd0c1e5a0-0000-4000-8000-00000000c010',
    deviceName: '',
    outcome: 'pending',
    keyId: null,
    locale: 'en-US',
    conversationId: 'a:personal',
    messageId: null,
    hideAt: null,
    ...overrides,
  };
}

const claimed = (claims: readonly AttemptClaim[]): number => claims.filter((c) => c.kind === 'claimed').length;

describe('claiming recovery-key attempts under the daily limit (contract)', () => {
  forEachStore((_name, open, forProcess) => {
    it('lets exactly 3 of 10 racing claims through with a limit of 3, and counts each with the ones before it', async () => {
      const store = open();
      const claims = await Promise.all(Array.from({ length: 10 }, () => store.claimRecoveryKeyAttempt(attempt(), limit)));
      assert.equal(claimed(claims), 3);
      assert.deepEqual(claims.flatMap((c) => (c.kind === 'claimed' ? [c.used] : [])).sort(), [1, 2, 3]);
      assert.equal(await store.countRecoveryKeyAttemptsSince(USER, limit.sinceIso), 3);
      assert.equal((await store.recoveryKeyEventsOf(USER)).length, 3, 'a refused claim leaves no row');
    });

    it('lets exactly 3 through when the claims race at two bot instances', async () => {
      const [first, second] = [open(), open()];
      const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? first : second).claimRecoveryKeyAttempt(attempt(), limit)));
      assert.equal(claimed(claims), 3);
      assert.equal(await second.countRecoveryKeyAttemptsSince(USER, limit.sinceIso), 3);
    });

    it('counts only the requester’s own attempts since the start of the window', async () => {
      const store = open();
      await store.claimRecoveryKeyAttempt(attempt({ at: '2026-03-14T08:59:59.999Z' }), { ...limit, sinceIso: '2000-01-01T00:00:00.000Z' });
      await store.claimRecoveryKeyAttempt(attempt({ requesterId: 'someone-else' }), limit);
      const claims = await Promise.all(Array.from({ length: 4 }, () => store.claimRecoveryKeyAttempt(attempt(), limit)));
      assert.equal(claimed(claims), 3);
    });

    it('frees the slot of an attempt settled as nothingShown, and keeps counting the others once settled', async () => {
      const store = open();
      const [a, b, c] = [attempt(), attempt(), attempt()];
      for (const claim of [a, b, c]) assert.equal((await store.claimRecoveryKeyAttempt(claim, limit)).kind, 'claimed');
      assert.equal((await store.claimRecoveryKeyAttempt(attempt(), limit)).kind, 'limitReached');
      await store.settleRecoveryKeyAttempt({ ...a, outcome: 'nothingShown' });
      await store.settleRecoveryKeyAttempt({ ...b, outcome: 'wrongKeyId', deviceName: 'OWNER-LAPTOP' });
      await store.settleRecoveryKeyAttempt({ ...c, outcome: 'shown', deviceName: 'OWNER-LAPTOP', keyId: 'k1', messageId: 'm1', hideAt: '2026-03-15T09:05:00.000Z' });
      assert.deepEqual(await store.claimRecoveryKeyAttempt(attempt(), limit), { kind: 'claimed', used: 3 });
      assert.equal((await store.claimRecoveryKeyAttempt(attempt(), limit)).kind, 'limitReached');
      const settled = (await store.recoveryKeyEventsOf(USER)).filter((e) => e.id === b.id || e.id === c.id);
      assert.deepEqual(settled.map((e) => [e.outcome, e.deviceName, e.keyId, e.messageId]), [['wrongKeyId', 'OWNER-LAPTOP', null, null], ['shown', 'OWNER-LAPTOP', 'k1', 'm1']]);
      assert.deepEqual((await store.recoveryKeysStillShown()).map((e) => e.id), [c.id]);
    });

    it('settles an attempt once: a second settle does not rewrite what happened', async () => {
      const store = open();
      const a = attempt();
      await store.claimRecoveryKeyAttempt(a, limit);
      await store.settleRecoveryKeyAttempt({ ...a, outcome: 'wrongKeyId' });
      await store.settleRecoveryKeyAttempt({ ...a, outcome: 'nothingShown' });
      assert.deepEqual((await store.recoveryKeyEventsOf(USER)).map((e) => e.outcome), ['wrongKeyId']);
      assert.equal(await store.countRecoveryKeyAttemptsSince(USER, limit.sinceIso), 1);
    });

    it('lets exactly 3 through a limit of 3 when two processes claim five each at once', async function () {
      this.timeout(60_000);
      await open().ready();
      const worker = path.join(__dirname, '..', 'race-worker.ts');
      const workers = [0, 1].map((n) => startRaceProcess(worker, ['claim-key-attempts', forProcess(), ...Array.from({ length: 5 }, (_, i) => `p${n}-${i}`)], 'won'));
      await Promise.all(workers.map((w) => w.ready));
      workers.forEach((w) => w.go());
      const won = (await Promise.all(workers.map((w) => w.result))).flat();
      assert.equal(won.length, 3);
      assert.equal(await open().countRecoveryKeyAttemptsSince(RACED_KEY_REQUESTER, '2025-03-01T00:00:00.000Z'), 3);
    });
  });
});
