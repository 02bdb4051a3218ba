import assert from 'node:assert/strict';
import { canMove, FINAL_STATES, isOpen, OPEN_STATES, type RequestState } from '../../src/reset/request';
import { InMemoryRequestStore } from './support/fakes';
import { ManualClock } from './support/manual-clock';
import { newRequestFixture } from './support/requests';

// The lifecycle as DESIGN.md states it: awaiting_confirmation → (awaiting_approval →) approved →
// executing → succeeded | failed, plus rejected, cancelled, expired. An offer nobody confirmed may
// lapse or fail too. Written out here, not derived from src/reset/request.ts.
// Issue 13 (RECOVERY_KEY_POLICY=approval): an approved recovery-key request has no Intune action;
// it ends when the key is shown (approved → succeeded) or when the approval lapses unused
// (approved → expired). Only src/recovery-key/approval.ts and Approvals.expire make those moves,
// and only for action revealRecoveryKey (test/recovery-key/approval-flow.test.ts).
const ALLOWED: Record<RequestState, readonly RequestState[]> = {
  awaiting_confirmation: ['awaiting_approval', 'approved', 'cancelled', 'expired', 'failed'],
  awaiting_approval: ['approved', 'rejected', 'cancelled', 'expired'],
  approved: ['executing', 'succeeded', 'failed', 'expired'],
  executing: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
  rejected: [],
  cancelled: [],
  expired: [],
};
const STATES = Object.keys(ALLOWED) as RequestState[];

describe('the request state machine', () => {
  for (const from of STATES) {
    for (const to of STATES) {
      const allowed = ALLOWED[from].includes(to);
      it(`${allowed ? 'allows' : 'refuses'} ${from} → ${to}`, () => {
        assert.equal(canMove(from, to), allowed);
      });
    }
  }

  it('has no way out of a final state and none into awaiting_confirmation', () => {
    for (const from of FINAL_STATES) assert.deepEqual(STATES.filter((to) => canMove(from, to)), []);
    for (const from of STATES) assert.equal(canMove(from, 'awaiting_confirmation'), false);
  });

  it('calls exactly the states before an outcome open', () => {
    assert.deepEqual([...OPEN_STATES].sort(), ['approved', 'awaiting_approval', 'awaiting_confirmation', 'executing']);
    for (const state of STATES) assert.equal(isOpen(state), !FINAL_STATES.includes(state));
  });
});

describe('compare-and-set transitions (in-memory store with the SQLite store semantics)', () => {
  async function storeWithRequest() {
    const clock = new ManualClock();
    const store = new InMemoryRequestStore(clock);
    const request = newRequestFixture(clock.now());
    await store.insertRequest(request);
    return { store, request };
  }

  it('moves on the version it read and bumps it', async () => {
    const { store, request } = await storeWithRequest();
    const moved = await store.transition(request.id, 1, 'approved');
    assert.equal(moved?.state, 'approved');
    assert.equal(moved?.version, 2);
  });

  it('refuses a move on a stale version: the second of two racing clicks does nothing', async () => {
    const { store, request } = await storeWithRequest();
    assert.ok(await store.transition(request.id, 1, 'approved'));
    assert.equal(await store.transition(request.id, 1, 'cancelled'), undefined);
    assert.equal((await store.getRequest(request.id))?.state, 'approved');
  });

  it('refuses a move the state machine does not allow even on the right version', async () => {
    const { store, request } = await storeWithRequest();
    assert.equal(await store.transition(request.id, 1, 'succeeded'), undefined);
    assert.equal((await store.getRequest(request.id))?.version, 1);
  });
});
