import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '../../src/store';
import { OPEN_STATES, type RequestState } from '../../src/reset/request';
import { makeTempDir, ManualClock, sampleRequest } from './fixtures';

describe('the SQLite request store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let file: string;
  let clock: ManualClock;
  let store: Store;

  beforeEach(() => {
    temp = makeTempDir();
    file = path.join(temp.dir, 'pinbot.db');
    clock = new ManualClock();
    store = openStore(`sqlite:${file}`, { clock });
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  /** A second, plain connection: what another process or a hand-run sqlite3 shell would do. */
  function withRawConnection<T>(use: (db: Database.Database) => T): T {
    const db = new Database(file);
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  describe('storing requests', () => {
    it('gives back every field exactly as stored, timestamps unformatted', async () => {
      const request = sampleRequest({ cardActivityId: 'activity-1', hidePasscodeAt: '2025-03-01T08:10:00+01:00' });
      await store.insertRequest(request);
      assert.deepEqual(await store.getRequest('req-1'), request);
    });

    it('rejects a second request with the same id', async () => {
      await store.insertRequest(sampleRequest());
      await assert.rejects(store.insertRequest(sampleRequest({ requesterId: 'user-mallory' })));
      assert.equal((await store.getRequest('req-1'))?.requesterId, 'user-alice');
    });

    it('answers undefined for a request it does not know', async () => {
      assert.equal(await store.getRequest('nope'), undefined);
    });

    it('fails loudly on a state this build does not know rather than passing it on', async () => {
      await store.insertRequest(sampleRequest());
      withRawConnection((db) => db.prepare("UPDATE requests SET state = 'on_hold'").run());
      await assert.rejects(store.getRequest('req-1'), /state/);
    });
  });

  describe('moving a request (compare-and-set)', () => {
    beforeEach(() => store.insertRequest(sampleRequest()));

    it('moves to an allowed state, bumps the version and stamps updatedAt from its clock', async () => {
      clock.advance(60_000);
      const moved = await store.transition('req-1', 1, 'approved');
      assert.deepEqual(moved, { ...sampleRequest(), state: 'approved', version: 2, updatedAt: '2025-03-01T09:01:00.000Z' });
      assert.deepEqual(await store.getRequest('req-1'), moved);
    });

    it('applies the patch with the move: undefined keeps a field, null clears it', async () => {
      await store.patch('req-1', 1, { cardActivityId: 'activity-1', nextCheckAt: '2025-03-01T09:00:30.000Z' });
      const moved = await store.transition('req-1', 2, 'approved', { cardActivityId: undefined, nextCheckAt: null, failureReason: null });
      assert.equal(moved?.cardActivityId, 'activity-1');
      assert.equal(moved?.nextCheckAt, null);
    });

    it('refuses a move from a stale version and leaves the request untouched', async () => {
      await store.transition('req-1', 1, 'awaiting_approval');
      assert.equal(await store.transition('req-1', 1, 'cancelled', { failureReason: 'timedOut' }), undefined);
      const stored = await store.getRequest('req-1');
      assert.equal(stored?.state, 'awaiting_approval');
      assert.equal(stored?.version, 2);
      assert.equal(stored?.failureReason, null);
    });

    it('never lets a finished request start executing again', async () => {
      const cancelled = await store.transition('req-1', 1, 'cancelled');
      assert.equal(await store.transition('req-1', 2, 'executing', { actionSentAt: '2025-03-01T09:00:00.000Z' }), undefined);
      assert.deepEqual(await store.getRequest('req-1'), cancelled);
    });

    it('refuses to skip approval on the way to executing', async () => {
      assert.equal(await store.transition('req-1', 1, 'executing'), undefined);
      assert.equal((await store.getRequest('req-1'))?.version, 1);
    });

    it('answers undefined when moving a request it does not know', async () => {
      assert.equal(await store.transition('nope', 1, 'approved'), undefined);
    });

    it('changes fields without changing state, still only from the expected version', async () => {
      const patched = await store.patch('req-1', 1, { cardActivityId: 'activity-1' });
      assert.equal(patched?.state, 'awaiting_confirmation');
      assert.equal(patched?.version, 2);
      assert.equal(await store.patch('req-1', 1, { cardActivityId: 'activity-stale' }), undefined);
      assert.equal((await store.getRequest('req-1'))?.cardActivityId, 'activity-1');
    });

    it('lets exactly one of two racing confirmations win', async () => {
      const results = await Promise.all([store.transition('req-1', 1, 'approved'), store.transition('req-1', 1, 'approved')]);
      assert.equal(results.filter((r) => r !== undefined).length, 1);
      assert.equal((await store.getRequest('req-1'))?.version, 2);
    });
  });

  describe('finding requests', () => {
    const at = (minute: number): string => `2025-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

    async function insert(id: string, state: RequestState, minute: number, more: Partial<ReturnType<typeof sampleRequest>> = {}) {
      await store.insertRequest(sampleRequest({ id, state, createdAt: at(minute), updatedAt: at(minute), ...more }));
    }

    it("lists a requester's requests in the given states, newest first", async () => {
      await insert('old', 'awaiting_approval', 1);
      await insert('done', 'succeeded', 2);
      await insert('new', 'approved', 3);
      await insert('bob', 'approved', 4, { requesterId: 'user-bob' });
      const ids = (await store.requestsOf('user-alice', OPEN_STATES)).map((r) => r.id);
      assert.deepEqual(ids, ['new', 'old']);
    });

    it('finds the newest open request for a device and ignores finished ones', async () => {
      await insert('older-open', 'awaiting_confirmation', 1);
      await insert('newer-open', 'executing', 2);
      await insert('newest-finished', 'failed', 3);
      await insert('other-device', 'approved', 4, { device: { ...sampleRequest().device, deviceId: 'device-ipad' } });
      assert.equal((await store.openRequestForDevice('device-pixel'))?.id, 'newer-open');
      await store.transition('newer-open', 1, 'succeeded');
      assert.equal((await store.openRequestForDevice('device-pixel'))?.id, 'older-open');
    });

    it('answers undefined for a device with only finished requests', async () => {
      await insert('finished', 'cancelled', 1);
      assert.equal(await store.openRequestForDevice('device-pixel'), undefined);
    });

    it('lists requests in the given states for restart recovery, oldest first', async () => {
      await insert('second', 'executing', 2, { requesterId: 'user-bob' });
      await insert('first', 'approved', 1);
      await insert('waiting', 'awaiting_confirmation', 3);
      const ids = (await store.requestsInStates(['approved', 'executing'])).map((r) => r.id);
      assert.deepEqual(ids, ['first', 'second']);
    });

    it('finds nothing for an empty list of states', async () => {
      await insert('any', 'approved', 1);
      assert.deepEqual(await store.requestsInStates([]), []);
      assert.deepEqual(await store.requestsOf('user-alice', []), []);
    });

    it("counts a requester's requests since an instant, whatever the timestamps' format", async () => {
      await insert('before', 'succeeded', 0, { createdAt: '2025-03-01T07:59:59.999Z' });
      await insert('exactly', 'succeeded', 0, { createdAt: '2025-03-01T08:00:00Z' });
      // 07:00Z, though its text sorts after "…08:00…": must not count.
      await insert('before-with-offset', 'failed', 0, { createdAt: '2025-03-01T09:00:00+02:00' });
      // 08:30Z and 08:45Z, though their text sorts before "…08:00…": must count.
      await insert('after-with-offset', 'approved', 0, { createdAt: '2025-03-01T07:30:00-01:00' });
      await insert('later-with-offset', 'executing', 0, { createdAt: '2025-03-01T07:45:00-01:00' });
      await insert('bob', 'approved', 5, { requesterId: 'user-bob' });
      assert.equal(await store.countRequestsSince('user-alice', '2025-03-01T08:00:00.000Z'), 3);
      assert.equal(await store.countRequestsSince('user-carol', '2025-03-01T00:00:00.000Z'), 0);
    });
  });

  describe('the audit trail', () => {
    const entry = (event: string, detail: string) => ({ requestId: 'req-1', at: '2025-03-01T08:00:00.000Z', actor: 'user-alice', event, detail });

    beforeEach(() => store.insertRequest(sampleRequest()));

    it('reads entries back in the order they were appended', async () => {
      await store.appendAudit(entry('requested', 'awaiting_confirmation'));
      await store.appendAudit(entry('confirmed', 'approved'));
      await store.appendAudit({ ...entry('executing', 'resetPasscode'), actor: 'system' });
      assert.deepEqual(
        (await store.auditOf('req-1')).map((e) => e.event),
        ['requested', 'confirmed', 'executing'],
      );
      assert.deepEqual((await store.auditOf('req-1'))[2], { ...entry('executing', 'resetPasscode'), actor: 'system' });
    });

    it('refuses to rewrite an audit entry', async () => {
      await store.appendAudit(entry('approved', 'by helpdesk'));
      withRawConnection((db) => {
        assert.throws(() => db.prepare("UPDATE audit SET actor = 'user-mallory'").run(), /append-only/);
      });
      assert.equal((await store.auditOf('req-1'))[0]?.actor, 'user-alice');
    });

    it('refuses to delete an audit entry', async () => {
      await store.appendAudit(entry('rejected', 'by helpdesk'));
      withRawConnection((db) => {
        assert.throws(() => db.prepare('DELETE FROM audit').run(), /append-only/);
      });
      assert.equal((await store.auditOf('req-1')).length, 1);
    });

    it('refuses an entry for a request that was never stored', async () => {
      await assert.rejects(store.appendAudit({ ...entry('requested', ''), requestId: 'ghost' }));
      assert.deepEqual(await store.auditOf('ghost'), []);
    });
  });

  describe('secrets', () => {
    it('has no column that could hold a passcode or a token', () => {
      const columns = withRawConnection((db) =>
        ['requests', 'audit', 'conversations'].flatMap((table) =>
          db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name),
        ),
      );
      assert.ok(columns.includes('hide_passcode_at'));
      // A time and a message id about the passcode, never the passcode itself.
      const aboutThePasscode = ['hide_passcode_at', 'passcode_activity_id'];
      const suspicious = columns.filter((name) => /passcode|pin|token|secret|password/i.test(name) && !aboutThePasscode.includes(name));
      assert.deepEqual(suspicious, []);
    });
  });
});
