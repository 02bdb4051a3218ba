// A bot in the authenticated mode (MicrosoftAppId set) whose channel tokens come from a local
// OpenID server the test controls: the set-up every test of incoming tokens shares.
import { MicrosoftAppCredentials } from 'botframework-connector';
import sinon from 'sinon';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, type DemoTenant } from '../../../src/demo/tenant';
import { BotUnderTest } from '../../support/bot-harness';
import { startTestTenant } from '../../support/demo-tenant';
import { epochSeconds, jwkOf, makeKey, signJwt, type JwtHeader, type JwtPayload } from './jwt';
import { startOpenIdServer, type OpenIdServer } from './openid-server';

export const BOT_APP_ID = '9a1c7f52-3c1e-4b7a-9d2e-5f0a6b1c2d3e';
export const CHANNEL_ISSUER = 'https://channel.pinbot.test';

export interface ChannelBot {
  bot: BotUnderTest;
  tenant: DemoTenant;
  openId: OpenIdServer;
  /** A channel token signed with the published key (or `key`), valid now unless `overrides` say otherwise. */
  token(overrides?: JwtPayload, header?: Partial<JwtHeader>, key?: ReturnType<typeof makeKey>): string;
  stop(): Promise<void>;
}

/** `endorsements`: the channels the signing key endorses, as the Bot Framework's keys list them. */
export async function startChannelBot(options: { kid: string; endorsements: string[]; env?: Record<string, string> }): Promise<ChannelBot> {
  const channelKey = makeKey(options.kid);
  const openId = await startOpenIdServer({ issuer: CHANNEL_ISSUER, keys: [jwkOf(channelKey, { endorsements: options.endorsements })] });
  const tenant = await startTestTenant();
  // The bot's own token for replies comes from login.microsoftonline.com, which a test cannot
  // reach; only that outbound step is replaced. Incoming tokens are checked by the real code.
  const outboundToken = sinon.stub(MicrosoftAppCredentials.prototype, 'getToken').resolves('outbound-token-for-the-connector');
  const bot = await BotUnderTest.start(
    { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    {
      env: {
        MicrosoftAppId: BOT_APP_ID,
        MicrosoftAppPassword: 'bot-secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: DEMO_TENANT_ID,
        BOT_OPENID_METADATA_URL: openId.metadataUrl,
        BOT_TOKEN_ISSUER: CHANNEL_ISSUER,
        ...options.env,
      },
    },
  );
  return {
    bot,
    tenant,
    openId,
    token: (overrides = {}, header = {}, key = channelKey) => {
      const now = epochSeconds();
      const claims = { iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: bot.connector.url, nbf: now - 60, exp: now + 3600, ...overrides };
      return signJwt({ alg: 'RS256', typ: 'JWT', kid: options.kid, ...header }, claims, key.privateKey);
    },
    stop: async () => {
      outboundToken.restore();
      await bot.stop();
      await tenant.stop();
      await openId.stop();
    },
  };
}
