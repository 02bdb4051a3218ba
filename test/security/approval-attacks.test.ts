import assert from 'node:assert/strict';
import { DEMO_CLIENT_SECRET, DEMO_HELPDESK_GROUP_ID } from '../../src/demo/tenant';
import { textOf } from '../e2e/cards';
import { approvalThread, cancelOpenRequests, helpdesk, inChannel, requestNeedingApproval, settle, startApprovalWorld } from '../e2e/approval-setup';
import { resetPasscodePosts, stopWorld, users, waitForState, type World } from '../e2e/setup';

describe('attacks on the approval flow', () => {
  let world: World;
  before(async () => {
    world = await startApprovalWorld();
  });
  after(() => stopWorld(world));
  afterEach(() => cancelOpenRequests(world, users.oneDevice));

  it('refuses a helpdesk agent removed from the group after the card was posted', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const agent = world.tenant.data.user(helpdesk.agent.id);
    assert.ok(agent);
    world.tenant.data.putUser({ ...agent, groupIds: [] });
    try {
      const answer = await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
      assert.match(textOf(answer.body?.value), /helpdesk|not allowed|only/i);
      assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
      assert.equal(resetPasscodePosts(world.tenant), 0);
    } finally {
      world.tenant.data.putUser({ ...agent, groupIds: [DEMO_HELPDESK_GROUP_ID] });
    }
  });

  it('refuses a non-member who tries to choose the approval channel', async () => {
    await world.bot.say(users.other, '<at>PIN reset</at> use this channel for approvals', inChannel({ channelId: '19:attacker@thread.tacv2' }));
    assert.match(JSON.stringify(world.bot.connector.events.at(-1)?.activity), /helpdesk|member|only/i);
    assert.doesNotMatch((await world.bot.store.setting('approvalChannel')) ?? '', /attacker/);
  });

  it('refuses history and pending to someone outside the helpdesk', async () => {
    await world.bot.say(users.other, '<at>PIN reset</at> history meiling@contoso.example', inChannel());
    const reply = JSON.stringify(world.bot.connector.events.at(-1)?.activity);
    assert.doesNotMatch(reply, /Mei-Ling's|offered|confirmed/);
  });

  it('refuses an approval sent from another tenant', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    const answer = await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel({ tenantId: '0f0f0f0f-0000-4000-8000-000000000000' }));
    assert.match(textOf(answer.body?.value), /organisation|organization/i);
    assert.equal((await world.bot.store.getRequest(requestId))?.state, 'awaiting_approval');
  });

  it('never shows the approval card a secret, a token or the client secret', async () => {
    const requestId = await requestNeedingApproval(world, users.oneDevice);
    await world.bot.invoke(helpdesk.agent, 'approveRequest', { requestId }, inChannel());
    await waitForState(world, requestId, ['succeeded', 'failed']);
    await settle(world);
    const thread = approvalThread(world, requestId);
    const channelText = JSON.stringify(world.bot.connector.events.filter((e) => e.conversationId === thread?.conversationId));
    assert.ok(!channelText.includes(DEMO_CLIENT_SECRET));
    assert.doesNotMatch(channelText, /Bearer |eyJ[A-Za-z0-9_-]{10,}/);
    assert.ok(!world.bot.lines.join('\n').includes(DEMO_CLIENT_SECRET), 'no log line holds the client secret');
  });
});
