// Attacker's view: the bot's Azure Bot resource also has the Web Chat and Direct Line channels (the
// portal's "Test in Web Chat" is on by default), whose clients set `from`, `conversationType` and
// `channelData.tenant` themselves. The Bot Framework signs those activities with keys that endorse
// those channels, so the token check passes; only the channelId tells them apart. Everything here
// (the caller's Entra id, tenant and personal scope) is trusted because Teams sets it, so an
// activity from any other channel is refused before the turn runs.
import assert from 'node:assert/strict';
import { DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import type { BotUnderTest, TestUser } from '../support/bot-harness';
import { startChannelBot, type ChannelBot } from './support/channel-bot';

const employee: TestUser = { id: DEMO_USER_IDS.employee, name: 'Chen Mei-Ling 陳美玲' };

describe('activities from channels other than Microsoft Teams', () => {
  // One key endorsing several channels, as the Bot Framework's own signing keys do.
  let channel: ChannelBot;
  let tenant: DemoTenant;
  let bot: BotUnderTest;

  before(async () => {
    channel = await startChannelBot({ kid: 'shared-channel-key', endorsements: ['msteams', 'webchat', 'directline'] });
    ({ tenant, bot } = channel);
  });
  after(async () => channel?.stop());
  beforeEach(() => tenant.resetLog());

  const validToken = (): string => `Bearer ${channel.token()}`;

  for (const channelId of ['webchat', 'directline']) {
    it(`refuses a correctly signed ${channelId} activity posing as a Teams user: no Graph request, nothing sent`, async () => {
      const sentBefore = bot.connector.events.length;
      const activity = {
        type: 'message',
        id: `${channelId}-1`,
        channelId,
        serviceUrl: bot.connector.url,
        text: 'reset my PIN',
        from: { id: `29:${employee.id}`, aadObjectId: employee.id },
        recipient: { id: '28:pin-reset-bot' },
        conversation: { id: bot.personalConversationOf(employee), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
        channelData: { tenant: { id: DEMO_TENANT_ID } },
      };
      const response = await bot.post(activity, { authorization: validToken() });
      assert.equal(response.status, 403);
      assert.deepEqual(tenant.requests, []);
      assert.equal(bot.connector.events.length, sentBefore);
    });
  }

  it('still answers the same key on a Teams activity', async () => {
    const sentBefore = bot.connector.events.length;
    const status = await bot.say(employee, 'help', { authorization: validToken() });
    assert.ok(status === 200 || status === 202, `status ${status}`);
    assert.equal(bot.connector.events.length, sentBefore + 1);
  });
});
