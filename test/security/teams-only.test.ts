// Attacker's view: the bot's Azure Bot resource also has the Web Chat and Direct Line channels (the
// portal's "Test in Web Chat" is on by default), whose clients set `from`, `conversationType` and
// `channelData.tenant` themselves. The Bot Framework signs those activities with keys that endorse
// those channels, so the token check passes; only the channelId tells them apart. Everything here
// (the caller's Entra id, tenant and personal scope) is trusted because Teams sets it, so an
// activity from any other channel is refused before the turn runs.
import assert from 'node:assert/strict';
import { MicrosoftAppCredentials } from 'botframework-connector';
import sinon from 'sinon';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { BotUnderTest, type TestUser } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { epochSeconds, jwkOf, makeKey, signJwt } from './support/jwt';
import { startOpenIdServer, type OpenIdServer } from './support/openid-server';

const BOT_APP_ID = '9a1c7f52-3c1e-4b7a-9d2e-5f0a6b1c2d3e';
const CHANNEL_ISSUER = 'https://channel.pinbot.test';
const KID = 'shared-channel-key';
const employee: TestUser = { id: DEMO_USER_IDS.employee, name: 'Chen Mei-Ling 陳美玲' };

describe('activities from channels other than Microsoft Teams', () => {
  // One key endorsing several channels, as the Bot Framework's own signing keys do.
  const channelKey = makeKey(KID);
  let openId: OpenIdServer;
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let outboundToken: sinon.SinonStub;

  before(async () => {
    openId = await startOpenIdServer({ issuer: CHANNEL_ISSUER, keys: [jwkOf(channelKey, { endorsements: ['msteams', 'webchat', 'directline'] })] });
    tenant = await startTestTenant();
    outboundToken = sinon.stub(MicrosoftAppCredentials.prototype, 'getToken').resolves('outbound-token-for-the-connector');
    bot = await BotUnderTest.start(
      { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      {
        env: {
          MicrosoftAppId: BOT_APP_ID,
          MicrosoftAppPassword: 'bot-secret',
          MicrosoftAppType: 'SingleTenant',
          MicrosoftAppTenantId: DEMO_TENANT_ID,
          BOT_OPENID_METADATA_URL: openId.metadataUrl,
          BOT_TOKEN_ISSUER: CHANNEL_ISSUER,
        },
      },
    );
  });
  after(async () => {
    outboundToken.restore();
    await bot?.stop();
    await tenant?.stop();
    await openId?.stop();
  });
  beforeEach(() => tenant.resetLog());

  function validToken(): string {
    const now = epochSeconds();
    const payload = { iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: bot.connector.url, nbf: now - 60, exp: now + 3600 };
    return `Bearer ${signJwt({ alg: 'RS256', typ: 'JWT', kid: KID }, payload, channelKey.privateKey)}`;
  }

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
