import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { OPEN_STATES, type RequestPatch, type RequestState, type ResetRequest } from '../../../src/reset/request';
import { ManualClock, sampleRequest } from '../fixtures';
import { forEachStore } from './stores';

describe('the request store contract', () => {
  forEachStore((_name, open) => {
    let clock: ManualClock;
    let store: Store;
    beforeEach(() => {
      clock = new ManualClock();
      store = open({ clock });
    });

    describe('storing requests', () => {
      it('gives back every field exactly as stored, timestamps unformatted', async () => {
        const request = sampleRequest({ cardActivityId: 'activity-1', hidePasscodeAt: '2025-03-01T08:10:00+01:00', requesterName: '' });
        await store.insertRequest(request);
        assert.deepEqual(await store.getRequest('req-1'), request);
      });

      it('gives back a request through another instance of the store, as after a restart', async () => {
        await store.insertRequest(sampleRequest());
        const approved = await store.transition('req-1', 1, 'approved', { nextCheckAt: '2025-03-01T09:05:00.000Z' });
        assert.deepEqual(await open().getRequest('req-1'), approved);
      });

      it('rejects a second request with the same id', async () => {
        await store.insertRequest(sampleRequest());
        const device = { ...sampleRequest().device, deviceId: 'device-mallory' };
        await assert.rejects(store.insertRequest(sampleRequest({ requesterId: 'user-mallory', device })));
        assert.equal((await store.getRequest('req-1'))?.requesterId, 'user-alice');
        assert.deepEqual(await store.requestsOf('user-mallory', OPEN_STATES), []);
      });

      it('answers undefined for a request it does not know', async () => {
        assert.equal(await store.getRequest('nope'), undefined);
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
        assert.deepEqual(await store.getRequest('req-1'), moved);
      });

      it('refuses a move from a stale version and leaves the request untouched', async () => {
        await store.transition('req-1', 1, 'awaiting_approval');
        assert.equal(await store.transition('req-1', 1, 'cancelled', { failureReason: 'timedOut' }), undefined);
        const stored = await store.getRequest('req-1');
        assert.deepEqual([stored?.state, stored?.version, stored?.failureReason], ['awaiting_approval', 2, null]);
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

      it('answers undefined when moving or patching a request it does not know', async () => {
        assert.equal(await store.transition('nope', 1, 'approved'), undefined);
        assert.equal(await store.patch('nope', 1, { cardActivityId: 'x' }), undefined);
      });

      it('changes fields without changing state, still only from the expected version', async () => {
        const patched = await store.patch('req-1', 1, { cardActivityId: 'activity-1' });
        assert.deepEqual([patched?.state, patched?.version], ['awaiting_confirmation', 2]);
        assert.equal(await store.patch('req-1', 1, { cardActivityId: 'activity-stale' }), undefined);
        assert.equal((await store.getRequest('req-1'))?.cardActivityId, 'activity-1');
      });

      it('ignores fields a patch may not change', async () => {
        const sneaky = { cardActivityId: 'activity-1', state: 'executing', requesterId: 'user-mallory' } as unknown as Partial<ResetRequest>;
        const patched = await store.patch('req-1', 1, sneaky);
        assert.deepEqual([patched?.state, patched?.requesterId, patched?.cardActivityId], ['awaiting_confirmation', 'user-alice', 'activity-1']);
      });

      it('refuses a patch with a value the domain does not know, changing nothing', async () => {
        const bogus = { failureReason: 'gremlins' } as unknown as RequestPatch;
        await assert.rejects(store.transition('req-1', 1, 'failed', bogus));
        assert.deepEqual(await store.getRequest('req-1'), sampleRequest());
        assert.deepEqual(await store.requestsInStates(['failed']), []);
      });

      it('keeps who must approve, until when, and who decided with their reason', async () => {
        const waiting = await store.transition('req-1', 1, 'awaiting_approval', { approver: 'helpdesk', expiresAt: '2026-11-26T10:00:00.000Z' });
        assert.equal(waiting?.approver, 'helpdesk');
        const rejected = await store.transition('req-1', 2, 'rejected', { decidedBy: 'agent-1', decidedByName: 'Agent', decisionNote: 'Call us first' });
        assert.deepEqual(
          [rejected?.decidedBy, rejected?.decidedByName, rejected?.decisionNote, rejected?.expiresAt],
          ['agent-1', 'Agent', 'Call us first', '2026-11-26T10:00:00.000Z'],
        );
        assert.deepEqual(await store.getRequest('req-1'), rejected);
      });

      it('keeps the manager found at confirmation and what happened to the notice', async () => {
        const patched = await store.patch('req-1', 1, { managerId: 'boss', managerName: 'Boss', managerNotice: 'notNotified' });
        assert.equal(patched?.managerNotice, 'notNotified');
        const cleared = await store.patch('req-1', 2, { managerNotice: null });
        assert.deepEqual([cleared?.managerNotice, cleared?.managerId], [null, 'boss']);
      });
    });

    describe('finding requests', () => {
      const at = (minute: number): string => `2025-03-01T08:${String(minute).padStart(2, '0')}:00.000Z`;

      async function insert(id: string, state: RequestState, minute: number, more: Partial<ResetRequest> = {}) {
        await store.insertRequest(sampleRequest({ id, state, createdAt: at(minute), updatedAt: at(minute), ...more }));
      }

      it("lists a requester's requests in the given states, newest first", async () => {
        await insert('old', 'awaiting_approval', 1);
        await insert('done', 'succeeded', 2);
        await insert('new', 'approved', 3);
        await insert('bob', 'approved', 4, { requesterId: 'user-bob' });
        assert.deepEqual((await store.requestsOf('user-alice', OPEN_STATES)).map((r) => r.id), ['new', 'old']);
      });

      it('finds the open request of a device and ignores finished ones', async () => {
        const pixel = sampleRequest().device;
        await insert('older-finished', 'succeeded', 1, { device: pixel });
        await insert('open', 'executing', 2, { device: pixel });
        await insert('newest-finished', 'failed', 3, { device: pixel });
        await insert('other-device', 'approved', 4, { device: { ...pixel, deviceId: 'device-ipad' } });
        assert.equal((await store.openRequestForDevice('device-pixel'))?.id, 'open');
        await store.transition('open', 1, 'succeeded');
        assert.equal(await store.openRequestForDevice('device-pixel'), undefined);
      });

      it('answers undefined for a device with only finished requests', async () => {
        await insert('finished', 'cancelled', 1, { device: sampleRequest().device });
        await insert('then-cancelled', 'awaiting_confirmation', 2, { device: sampleRequest().device });
        await store.transition('then-cancelled', 1, 'cancelled');
        assert.equal(await store.openRequestForDevice('device-pixel'), undefined);
      });

      it('lists requests in the given states for restart recovery, oldest first', async () => {
        await insert('second', 'executing', 2, { requesterId: 'user-bob' });
        await insert('first', 'approved', 1);
        await insert('waiting', 'awaiting_confirmation', 3);
        assert.deepEqual((await store.requestsInStates(['approved', 'executing'])).map((r) => r.id), ['first', 'second']);
      });

      it('follows requests as they move between states, each listed once', async () => {
        await insert('moving', 'awaiting_confirmation', 1);
        await insert('staying', 'awaiting_approval', 2);
        await store.transition('moving', 1, 'awaiting_approval');
        const waiting = await store.requestsInStates(['awaiting_confirmation', 'awaiting_approval']);
        assert.deepEqual(waiting.map((r) => [r.id, r.state]), [['moving', 'awaiting_approval'], ['staying', 'awaiting_approval']]);
        await store.transition('moving', 2, 'approved');
        await store.transition('moving', 3, 'executing');
        assert.deepEqual((await store.requestsInStates(['awaiting_approval'])).map((r) => r.id), ['staying']);
        assert.deepEqual((await store.requestsInStates(['executing'])).map((r) => r.version), [4]);
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
  });
});
