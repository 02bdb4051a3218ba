import assert from 'node:assert/strict';
import { intuneFailure } from './support/fakes';
import { ALICE, EVE, HELEN, HELPDESK_GROUP, HOUR, MARK, OTHER_TENANT, World, helpdesk, type Instance } from './support/world';

// Decisions on requests that need approval (src/reset/approval.ts): every refusal reason, and
// that only an allowed decision ever reaches Graph.
describe('approving and rejecting (Approvals)', () => {
  let world: World;
  let bot: Instance;

  afterEach(() => assert.deepEqual(world.errors(), []));

  describe('by the helpdesk', () => {
    beforeEach(() => {
      world = new World({ approval: { kind: 'all' }, ttlMs: 4 * HOUR });
      bot = world.startInstance();
      world.iphone();
    });

    async function waiting(): Promise<string> {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      await world.clock.runDue();
      return confirmed.id;
    }

    it('a helpdesk member approves: awaiting_approval → approved, one resetPasscode, decider recorded', async () => {
      const id = await waiting();
      const result = await bot.app.approvals.decide(helpdesk(), id, 'approve', undefined);
      assert.equal(result.kind, 'decided');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
      const request = await world.current(id);
      assert.equal(request.state, 'executing');
      assert.equal(request.decidedBy, HELEN);
    });

    it('a helpdesk member rejects with a note (control characters removed): → rejected, nothing sent', async () => {
      const id = await waiting();
      const result = await bot.app.approvals.decide(helpdesk(), id, 'reject', 'not\u202e you');
      assert.equal(result.kind === 'decided' ? result.request.state : '', 'rejected');
      assert.equal(result.kind === 'decided' ? result.request.decisionNote : '', 'not  you');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
    });

    // The mutation check's survivor: the requester here IS in the helpdesk group, so only the
    // own-request rule stands between them and approving their own reset (separation of duties).
    it('refuses a requester who is a helpdesk member approving their own request (ownRequest), no POST', async () => {
      world.people.addToGroup(HELPDESK_GROUP, ALICE);
      const id = await waiting();
      const result = await bot.app.approvals.decide(helpdesk(ALICE, undefined, 'Alice Example'), id, 'approve', undefined);
      assert.deepEqual([result.kind, result.kind === 'refused' ? result.reason : ''], ['refused', 'ownRequest']);
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
      assert.equal((await world.current(id)).state, 'awaiting_approval');
      assert.equal((await bot.app.approvals.viewOf(ALICE, await world.current(id))) === 'approver', false, 'and the card view gives them no buttons');
    });

    it('refuses someone outside the helpdesk group (notApprover)', async () => {
      const id = await waiting();
      const result = await bot.app.approvals.decide(helpdesk(EVE), id, 'approve', undefined);
      assert.equal(result.kind === 'refused' ? result.reason : '', 'notApprover');
      assert.equal((await bot.app.approvals.viewOf(EVE, await world.current(id))) === 'approver', false);
      assert.equal((await bot.app.approvals.viewOf(HELEN, await world.current(id))) === 'approver', true);
    });

    it('refuses when Entra cannot say who is a member (directoryUnavailable), rather than guessing', async () => {
      const id = await waiting();
      world.people.failure = intuneFailure('unavailable');
      const result = await bot.app.approvals.decide(helpdesk(), id, 'approve', undefined);
      assert.equal(result.kind === 'refused' ? result.reason : '', 'directoryUnavailable');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
    });

    it('refuses an id from another tenant or an unknown id (notFound)', async () => {
      const id = await waiting();
      assert.equal((await bot.app.approvals.decide(helpdesk(HELEN, OTHER_TENANT), id, 'approve', undefined)).kind, 'refused');
      const unknown = await bot.app.approvals.decide(helpdesk(), '00000000-0000-4000-8000-000000000000', 'approve', undefined);
      assert.deepEqual(unknown, { kind: 'refused', reason: 'notFound', request: undefined });
    });

    it('two approvers clicking at once: one decision, one resetPasscode, the other alreadyDecided', async () => {
      world.people.addToGroup(HELPDESK_GROUP, EVE);
      const id = await waiting();
      const results = await Promise.all([
        bot.app.approvals.decide(helpdesk(), id, 'approve', undefined),
        bot.app.approvals.decide(helpdesk(EVE), id, 'reject', 'no'),
      ]);
      assert.deepEqual(results.map((r) => (r.kind === 'refused' ? r.reason : r.kind)).sort(), ['alreadyDecided', 'decided']);
      await world.clock.runDue();
      assert.ok(world.intune.posts.length <= 1);
      const again = await bot.app.approvals.decide(helpdesk(), id, 'approve', undefined);
      assert.equal(again.kind === 'refused' ? again.reason : '', 'alreadyDecided');
    });

    // APPROVAL_TTL passed but the expiry timer has not run yet (busy instance, or the one that owned
    // the timer died): the clock, not the timer, decides. Manual clock: no timer fires in between.
    it('refuses Approve after expiresAt even before the expiry timer ran, and sends nothing', async () => {
      const id = await waiting();
      const expiresAt = Date.parse((await world.current(id)).expiresAt ?? '');
      world.clock.skip(expiresAt + 1 - world.clock.now().getTime()); // time moves, the timer does not fire
      const result = await bot.app.approvals.decide(helpdesk(), id, 'approve', undefined);
      assert.equal(result.kind === 'refused' ? result.reason : '', 'expired');
      assert.equal((await world.current(id)).state, 'expired');
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(world.intune.posts, []);
    });

    // Issue 13 lets an approved *recovery-key* request lapse (it waits for its requester); an approved
    // passcode reset must not: its Intune action may already be on its way.
    it('never lapses an approved passcode reset, even past the deadline it had while waiting', async () => {
      const id = await waiting();
      await bot.app.approvals.decide(helpdesk(), id, 'approve', undefined);
      world.clock.skip(5 * HOUR); // past expiresAt; the timer does not fire
      assert.equal(await bot.app.approvals.expire(id), undefined);
      assert.notEqual((await world.current(id)).state, 'expired');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
    });

    it('expires on its own at expiresAt (awaiting_approval → expired) and tells everyone', async () => {
      const id = await waiting();
      await world.clock.advance(4 * HOUR - 1);
      assert.equal((await world.current(id)).state, 'awaiting_approval');
      await world.clock.advance(1);
      assert.equal((await world.current(id)).state, 'expired');
      assert.equal(world.announcer.changed.at(-1)?.state, 'expired');
      assert.equal(world.notifier.shown.at(-1)?.state, 'expired');
    });
  });

  describe('by the manager (MANAGER_APPROVAL=true)', () => {
    beforeEach(() => {
      world = new World({ approval: { kind: 'all' }, managerApproval: true });
      bot = world.startInstance();
      world.iphone();
    });

    it('only the requester’s manager in Entra may decide; a helpdesk member may not', async () => {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      assert.equal(confirmed.approver, 'manager');
      await world.clock.runDue();
      const byHelpdesk = await bot.app.approvals.decide(helpdesk(), confirmed.id, 'approve', undefined);
      assert.equal(byHelpdesk.kind === 'refused' ? byHelpdesk.reason : '', 'notApprover');
      const byManager = await bot.app.approvals.decide(helpdesk(MARK, undefined, 'Mark Manager'), confirmed.id, 'approve', undefined);
      assert.equal(byManager.kind, 'decided');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
    });
  });
});
