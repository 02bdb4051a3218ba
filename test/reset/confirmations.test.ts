import assert from 'node:assert/strict';
import { ALICE, BOB, HOUR, OTHER_TENANT, World, type Instance } from './support/world';

// The requester's clicks on their request card (src/reset/confirm.ts).
describe('confirming and cancelling (Confirmations)', () => {
  let world: World;
  let bot: Instance;

  afterEach(() => assert.deepEqual(world.errors(), []));

  describe('self-service (APPROVAL_POLICY=none)', () => {
    beforeEach(() => {
      world = new World();
      bot = world.startInstance();
      world.iphone();
    });

    it('confirm moves awaiting_confirmation → approved and sends one resetPasscode', async () => {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      assert.equal(confirmed.state, 'approved');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
      assert.equal((await world.current(confirmed.id)).state, 'executing');
    });

    it('sends one resetPasscode when Confirm is clicked twice at once', async () => {
      const offered = await world.offer(bot, 'iphone-a11c');
      const requester = world.requester();
      const [a, b] = await Promise.all([
        bot.app.confirmations.confirm(requester, offered.id, 'card-1'),
        bot.app.confirmations.confirm(requester, offered.id, 'card-1'),
      ]);
      assert.equal(a.kind, 'request');
      assert.equal(b.kind, 'request');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
    });

    it('refuses a request of another user (notYourRequest) and an id of another tenant (requestNotFound)', async () => {
      const offered = await world.offer(bot, 'iphone-a11c');
      assert.deepEqual(await bot.app.confirmations.confirm(world.requester(BOB), offered.id, undefined), { kind: 'problem', problem: { kind: 'notYourRequest' } });
      assert.deepEqual(await bot.app.confirmations.cancel(world.requester(BOB), offered.id), { kind: 'problem', problem: { kind: 'notYourRequest' } });
      assert.deepEqual(await bot.app.confirmations.confirm(world.requester(ALICE, OTHER_TENANT), offered.id, undefined), {
        kind: 'problem',
        problem: { kind: 'requestNotFound' },
      });
      assert.deepEqual(await bot.app.confirmations.confirm(world.requester(), '00000000-0000-4000-8000-000000000000', undefined), {
        kind: 'problem',
        problem: { kind: 'requestNotFound' },
      });
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
      assert.equal((await world.current(offered.id)).state, 'awaiting_confirmation');
    });

    it('cancel moves awaiting_confirmation → cancelled; a later Confirm is requestClosed and sends nothing', async () => {
      const offered = await world.offer(bot, 'iphone-a11c');
      const cancelled = await bot.app.confirmations.cancel(world.requester(), offered.id);
      assert.equal(cancelled.kind === 'request' ? cancelled.request.state : '', 'cancelled');
      assert.deepEqual(await bot.app.confirmations.confirm(world.requester(), offered.id, undefined), {
        kind: 'problem',
        problem: { kind: 'requestClosed', state: 'cancelled' },
      });
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
      assert.deepEqual(world.announcer.changed, [], 'nobody else saw this request, so nobody is told');
    });

    it('cancel after the request was approved changes nothing (the action is on its way)', async () => {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      const step = await bot.app.confirmations.cancel(world.requester(), confirmed.id);
      assert.equal(step.kind === 'request' ? step.request.state : step.kind, 'approved');
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, ['iphone-a11c']);
    });
  });

  describe('with helpdesk approval (APPROVAL_POLICY=all)', () => {
    beforeEach(() => {
      world = new World({ approval: { kind: 'all' }, ttlMs: 4 * HOUR });
      bot = world.startInstance();
      world.iphone();
    });

    it('confirm moves to awaiting_approval with expiresAt = now + APPROVAL_TTL, sends nothing and announces', async () => {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      assert.equal(confirmed.state, 'awaiting_approval');
      assert.equal(confirmed.approver, 'helpdesk');
      assert.equal(confirmed.expiresAt, new Date(world.clock.now().getTime() + 4 * HOUR).toISOString());
      await world.clock.runDue();
      assert.deepEqual(world.intune.posts, []);
      assert.deepEqual(world.announcer.confirmed.map((r) => r.id), [confirmed.id]);
    });

    it('cancel while awaiting approval moves to cancelled and updates the approval card', async () => {
      const confirmed = await world.confirmed(bot, 'iphone-a11c');
      const step = await bot.app.confirmations.cancel(world.requester(), confirmed.id);
      assert.equal(step.kind === 'request' ? step.request.state : '', 'cancelled');
      await world.clock.runDue();
      // The outbox keys an update by version, so the same version announced twice is stored once.
      assert.deepEqual([...new Set(world.announcer.changed.map((r) => `${r.state} v${r.version}`))], [`cancelled v${step.kind === 'request' ? step.request.version : 0}`]);
    });
  });
});
