import assert from 'node:assert/strict';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { buttonsOf, textOf } from './cards';
import {
  approvalThread,
  cancelOpenRequests,
  confirmNeedingApproval,
  helpdesk,
  inChannel,
  latestChannelCard,
  requestNeedingApproval,
  settle,
  startApprovalWorld,
} from './approval-setup';
import { lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from './setup';

describe('helpdesk approval in a Teams channel', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());
  afterEach(async () => {
    await cancelOpenRequests(world, users.oneDevice);
    await cancelOpenRequests(world, users.employee);
  });

  it('holds a confirmed request for approval, tells the requester who decides, and sends nothing to Intune', async () => {
    const { requestId, card } = await confirmNeedingApproval(world, users.oneDevice);
    await settle(world);
    assert.equal(resetPasscodePosts(world.tenant), 0);
    assert.match(textOf(card), /helpdesk/i);
    const thread = approvalThread(world, requestId);
    assert.ok(thread, 'an approval card was posted as a new channel thread');
    assert.match(textOf(thread.card), /Lin Chih-Hao/);
    assert.ok(buttonsOf(thread.card).some((b) => b.verb === 'approveRequest'));
    await world.bot.invoke(users.oneDevice, 'cancelReset', { requestId });
    await settle(world);
  });

  it('refuses an approval from someone outside the helpdesk group, with no Graph write', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const answer = await world.bot.invoke(users.other, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(answer.body?.value), /helpdesk|not allowed|only/i);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
    assert.equal(resetPasscodePosts(world.tenant), 0);
    await world.bot.invoke(users.oneDevice, 'cancelReset', { requestId });
    await settle(world);
  });

  it('refuses the requester approving their own request', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const answer = await world.bot.invoke(users.oneDevice, 'approveRequest', { requestId }, inChannel());
    // The refusal's own wording: /own/ alone also matched the card's "Ownership" label.
    assert.match(textOf(answer.body?.value), /cannot approve or reject your own request/);
    assert.equal(resetPasscodePosts(world.tenant), 0);
    await world.bot.invoke(users.oneDevice, 'cancelReset', { requestId });
    await settle(world);
  });

  it('runs exactly one action when two helpdesk members approve at the same moment, and updates the card for everyone', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    const clicks = await Promise.all([1, 2].map(() => world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel())));
    for (const click of clicks) assert.equal(click.status, 200);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    await settle(world);
    assert.equal(resetPasscodePosts(world.tenant, D.oneDeviceIphone), 1);
    const thread = approvalThread(world, requestId);
    const latest = thread ? latestChannelCard(world, thread.conversationId) : undefined;
    assert.ok(latest && !buttonsOf(latest).some((b) => b.verb === 'approveRequest'), 'the decided card has no buttons');
    assert.match(textOf(latest), /Alex Rivera/);
    const stale = await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(stale.body?.value), /already/i);
    assert.equal(resetPasscodePosts(world.tenant, D.oneDeviceIphone), 1);
  });

  it('gives the temporary passcode to the requester only, never to the channel', async () => {
    const requestId = await requestNeedingApproval(world, users.employee, D.androidFullyManaged);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    await settle(world);
    const passcode = world.tenant.data.actionResults(D.androidFullyManaged).at(-1)?.passcode ?? '';
    assert.ok(passcode.length >= 6);
    const holding = world.bot.connector.events.filter((e) => JSON.stringify(e.activity).includes(passcode));
    assert.ok(holding.length > 0);
    for (const event of holding) assert.equal(event.conversationId, world.bot.personalConversationOf(users.employee));
  });

  it('tells the requester a rejection with its reason', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const answer = await world.bot.invoke(helpdesk.agent, 'rejectRequest', { requestId, reason: 'Please call the helpdesk first' }, inChannel());
    assert.equal(answer.status, 200);
    assert.equal(await waitForState(world, requestId, ['rejected']), 'rejected');
    await settle(world);
    assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /Please call the helpdesk first/);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('tells the manager when a report asks and when it is decided', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    await world.bot.invoke(helpdesk.agent, 'rejectRequest', { requestId, reason: 'no' }, inChannel());
    await waitForState(world, requestId, ['rejected']);
    await settle(world);
    const managerChats = world.bot.connector.events.filter((e) => e.kind === 'createConversation' && JSON.stringify(e.activity).includes(helpdesk.manager.id));
    assert.ok(managerChats.length >= 1, 'a 1:1 chat with the manager was created by AAD object id');
    const toManager = world.bot.connector.events.filter((e) => e.conversationId === managerChats[0]?.conversationId && e.kind !== 'createConversation');
    assert.ok(toManager.some((e) => JSON.stringify(e.activity).includes(requestId) || /Lin Chih-Hao/.test(JSON.stringify(e.activity))));
    assert.ok(toManager.length >= 2, 'asked and rejected');
  });

  it('lists pending requests for a helpdesk member', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    await world.bot.say(helpdesk.agent, '<at>PIN reset</at> pending', inChannel());
    const reply = world.bot.connector.events.at(-1);
    assert.match(JSON.stringify(reply?.activity), /Lin Chih-Hao/);
    await world.bot.invoke(users.oneDevice, 'cancelReset', { requestId });
    await settle(world);
  });
});

describe('approval that nobody gives in time', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld({ APPROVAL_TTL: '1s' });
  });
  after(() => stopWorld(world));

  it('expires, updates both cards and tells the requester', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    assert.equal(await waitForState(world, requestId, ['expired']), 'expired');
    await settle(world);
    assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /expired|nobody|no one/i);
    const late = await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(late.body?.value), /already|expired/i);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });
});

describe('self-service policy', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ env: { APPROVAL_POLICY: 'none' } });
  });
  after(() => stopWorld(world));

  it('acts at once and posts no approval card', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'succeeded');
    assert.equal(world.bot.connector.events.filter((e) => e.kind === 'newThread').length, 0);
  });
});

describe('reaching a manager who never opened the bot', () => {
  let world: World;
  beforeEach(async () => {
    world = await startApprovalWorld();
    world.bot.connector.notInstalled.add(helpdesk.manager.id);
  });
  afterEach(() => stopWorld(world));

  it('installs the app for the manager through Graph, then tells them', async () => {
    await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    assert.equal(world.tenant.data.appsInstalledFor(helpdesk.manager.id).length, 1);
    const created = world.bot.connector.events.filter((e) => e.kind === 'createConversation' && JSON.stringify(e.activity).includes(helpdesk.manager.id));
    assert.equal(created.length, 1);
    const toManager = world.bot.connector.events.filter((e) => e.conversationId === created[0]?.conversationId && e.kind !== 'createConversation');
    assert.equal(toManager.length, 1, 'the notice arrived once');
  });

  it('says "manager not notified" on the helpdesk card when the app may not be installed', async () => {
    world.tenant.data.refuseAppInstalls(helpdesk.manager.id);
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    await world.bot.settle(async () => (await world.bot.store.getRequest(requestId))?.managerNotice === 'notNotified');
    await settle(world);
    const thread = approvalThread(world, requestId);
    assert.ok(thread);
    assert.match(textOf(latestChannelCard(world, thread.conversationId)), /not notified/i);
    const trail = await world.bot.store.auditOf(requestId);
    assert.ok(trail.some((e) => e.event === 'managerNotNotified'));
  });
});

describe('manager approval (MANAGER_APPROVAL=true)', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld({ MANAGER_APPROVAL: 'true' });
  });
  after(() => stopWorld(world));

  it('sends the Approve/Reject card to the manager, refuses the helpdesk, and acts once when the manager approves', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await settle(world);
    const managerChat = world.bot.connector.events.find((e) => e.kind === 'createConversation' && JSON.stringify(e.activity).includes(helpdesk.manager.id));
    assert.ok(managerChat, 'a chat with the manager');
    const card = world.bot.connector.events.find((e) => e.conversationId === managerChat.conversationId && JSON.stringify(e.activity).includes('approveRequest'));
    assert.ok(card, 'the manager got the Approve/Reject card');
    const byHelpdesk = await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    assert.match(textOf(byHelpdesk.body?.value), /not allowed|only|manager/i);
    const byManager = await world.bot.invoke(helpdesk.manager, 'approveRequest', { requestId }, { conversationId: managerChat.conversationId });
    assert.equal(byManager.status, 200);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    assert.equal(resetPasscodePosts(world.tenant), 1);
  });
});
