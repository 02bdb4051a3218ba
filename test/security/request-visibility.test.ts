import assert from 'node:assert/strict';
import { buttonsOf, textOf } from '../e2e/cards';
import { cancelOpenRequests, helpdesk, inChannel, requestNeedingApproval, startApprovalWorld } from '../e2e/approval-setup';
import { resetPasscodePosts, stopWorld, users, type World } from '../e2e/setup';

/*
 * The attack (issue 15, "Ways in" 3): request ids travel in every approval card, and Teams lets any
 * client send `adaptiveCard/action` with any verb and data. Another employee of the same tenant
 * who learns an id (a forwarded card, a screenshot, a guess from the thread link) sends
 * `refreshApproval` — or clicks Approve — and reads who asked, which device and who the manager is.
 * Microsoft's Universal Actions guidance: the user-specific view is a convenience; the bot must
 * check `from.aadObjectId` on every refresh (learn.microsoft.com, "User Specific Views").
 */
describe('who may read a request through the approval card', () => {
  let world: World;
  let deviceName = '';
  before(async () => {
    world = await startApprovalWorld();
  });
  after(() => stopWorld(world));
  afterEach(() => cancelOpenRequests(world, users.oneDevice));

  async function openRequest(): Promise<string> {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    deviceName = (await world.bot.store.getRequest(requestId))?.device.deviceName ?? '';
    assert.ok(deviceName.length > 0);
    return requestId;
  }

  /** Nothing in the answer names the requester, the device or the manager. */
  function assertNothingLeaked(card: unknown): void {
    const text = textOf(card);
    for (const secret of ['Lin Chih-Hao', '林志豪', 'chihhao', deviceName, 'Chang Shu-Fen', '張淑芬']) {
      assert.ok(!text.includes(secret), `the answer shows ${secret}: ${text}`);
    }
    assert.deepEqual(buttonsOf(card).filter((b) => b.verb === 'approveRequest' || b.verb === 'rejectRequest'), []);
  }

  it('shows another employee who refreshes a request id the "not for you" card, with no details', async () => {
    const requestId = await openRequest();
    for (const where of [inChannel(), {}]) {
      const answer = await world.bot.invoke(users.other, 'refreshApproval', { requestId }, where);
      assert.equal(answer.status, 200);
      assertNothingLeaked(answer.body?.value);
      assert.match(textOf(answer.body?.value), /not for you|only for/i);
    }
  });

  it('shows the requester’s manager nothing either when the helpdesk decides', async () => {
    const requestId = await openRequest();
    const answer = await world.bot.invoke(helpdesk.manager, 'refreshApproval', { requestId }, inChannel());
    assertNothingLeaked(answer.body?.value);
  });

  it('tells another employee who clicks Approve only that they may not, with no details', async () => {
    const requestId = await openRequest();
    const answer = await world.bot.invoke(users.other, 'approveRequest', { requestId }, inChannel());
    assertNothingLeaked(answer.body?.value);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('shows nothing of a decided request to another employee who clicks Reject on it', async () => {
    const requestId = await openRequest();
    await cancelOpenRequests(world, users.oneDevice);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'cancelled');
    const answer = await world.bot.invoke(users.other, 'rejectRequest', { requestId, reason: 'x' }, inChannel());
    assertNothingLeaked(answer.body?.value);
  });

  it('still shows the requester their request, read-only', async () => {
    const requestId = await openRequest();
    const answer = await world.bot.invoke(users.oneDevice, 'refreshApproval', { requestId });
    assert.ok(textOf(answer.body?.value).includes(deviceName));
    assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'approveRequest'), []);
  });

  it('still shows a helpdesk member the approver view with the buttons', async () => {
    const requestId = await openRequest();
    const answer = await world.bot.invoke(helpdesk.agent, 'refreshApproval', { requestId }, inChannel());
    assert.ok(textOf(answer.body?.value).includes('Lin Chih-Hao'));
    assert.ok(buttonsOf(answer.body?.value).some((b) => b.verb === 'approveRequest'));
  });
});

describe('who may read a request the manager decides (MANAGER_APPROVAL=true)', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld({ MANAGER_APPROVAL: 'true' });
  });
  after(() => stopWorld(world));
  afterEach(() => cancelOpenRequests(world, users.oneDevice));

  it('shows the manager the approver view, the helpdesk a read-only view (its channel card, `pending` → Review), anyone else nothing', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const byManager = await world.bot.invoke(helpdesk.manager, 'refreshApproval', { requestId });
    assert.ok(buttonsOf(byManager.body?.value).some((b) => b.verb === 'approveRequest'));
    const byHelpdesk = await world.bot.invoke(helpdesk.agent, 'refreshApproval', { requestId }, inChannel());
    assert.ok(textOf(byHelpdesk.body?.value).includes('Lin Chih-Hao'));
    assert.deepEqual(buttonsOf(byHelpdesk.body?.value).filter((b) => b.verb === 'approveRequest'), []);
    const byOther = await world.bot.invoke(users.other, 'refreshApproval', { requestId }, inChannel());
    assert.ok(!textOf(byOther.body?.value).includes('Lin Chih-Hao'));
    assert.match(textOf(byOther.body?.value), /not for you/i);
  });
});
