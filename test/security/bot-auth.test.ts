import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import type { BotUnderTest, TestUser } from '../support/bot-harness';
import { BOT_APP_ID, CHANNEL_ISSUER, startChannelBot, type ChannelBot } from './support/channel-bot';
import { epochSeconds, makeKey, type JwtHeader, type JwtPayload } from './support/jwt';
import type { OpenIdServer } from './support/openid-server';

/*
 * What botframework-connector 4.23.3 checks on a channel token (ParameterizedBotFrameworkAuthentication
 * + JwtTokenExtractor), found by reading it and confirmed by these tests:
 *  - `Authorization: Bearer <jwt>`; any other scheme or no header is refused before anything else;
 *  - `iss` equals ToBotFromChannelTokenIssuer (checked before the signature is even looked at);
 *  - header `kid` names a key of the JWKS behind ToBotFromChannelOpenIdMetadataUrl (`n`/`e` RSA keys
 *    only), and the signature verifies with it; `alg` must be RS256, RS384 or RS512;
 *  - when the key lists `endorsements`, the activity's channelId must be one of them;
 *  - `exp` and `nbf` with 5 minutes of clock tolerance;
 *  - `aud` equals MicrosoftAppId;
 *  - `serviceurl` equals activity.serviceUrl exactly (string comparison);
 *  - a token with `ver` and an `appid`/`azp` different from `aud` is taken for a skill token and
 *    refused here (skill claims need a validator we do not configure).
 * No other claim is required. The metadata is fetched on the first request that needs it.
 * The bot now makes these checks itself with jose (src/bot/channel-token.ts); these tests, written
 * against the library's behaviour, are the contract both must meet.
 */

const OTHER_APP_ID = '0b6d1e3f-8a2c-4d5e-b6f7-1a2b3c4d5e6f';
const KID = 'channel-key-1';
const employee: TestUser = { id: DEMO_USER_IDS.employee, name: 'Chen Mei-Ling 陳美玲' };

/** CloudAdapter console.errors every refused token with its stack; expected here, so kept out of the report. */
async function quietly<T>(send: () => Promise<T>): Promise<T> {
  const console = sinon.stub(globalThis.console, 'error');
  try {
    return await send();
  } finally {
    console.restore();
  }
}

describe('Bot Framework authentication of incoming activities', () => {
  let channel: ChannelBot;
  let openId: OpenIdServer;
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let fetchedAtStart: string[] = [];

  before(async () => {
    channel = await startChannelBot({ kid: KID, endorsements: ['msteams'] });
    ({ openId, tenant, bot } = channel);
    fetchedAtStart = [...openId.fetched];
  });
  after(async () => channel?.stop());
  beforeEach(() => tenant.resetLog());

  function claims(overrides: JwtPayload = {}): JwtPayload {
    const now = epochSeconds();
    return { iss: CHANNEL_ISSUER, aud: BOT_APP_ID, serviceurl: bot.connector.url, nbf: now - 60, exp: now + 3600, ...overrides };
  }

  function token(payload: JwtPayload = claims(), header: Partial<JwtHeader> = {}, key?: ReturnType<typeof makeKey>): string {
    return channel.token(payload, header, key);
  }

  /** Says "help" with the header and asserts the attack reached nothing: no Graph call, no message. */
  async function refused(authorization: string | undefined): Promise<void> {
    const sentBefore = bot.connector.events.length;
    const status = await quietly(() => bot.say(employee, 'help', authorization === undefined ? {} : { authorization }));
    assert.equal(status, 401);
    assert.deepEqual(tenant.requests, []);
    assert.equal(bot.connector.events.length, sentBefore);
  }

  it('refuses an activity without an Authorization header', async () => {
    await refused(undefined);
  });

  it('refuses a token signed with another key under the channel key id (forged signature)', async () => {
    await refused(`Bearer ${token(claims(), {}, makeKey(KID))}`);
  });

  it('refuses an expired token (exp beyond the 5-minute clock tolerance)', async () => {
    const now = epochSeconds();
    await refused(`Bearer ${token(claims({ iat: now - 7200, nbf: now - 7200, exp: now - 600 }))}`);
  });

  it('refuses a token that is not valid yet (nbf beyond the clock tolerance)', async () => {
    const now = epochSeconds();
    await refused(`Bearer ${token(claims({ nbf: now + 600, exp: now + 7200 }))}`);
  });

  it('refuses a token for another audience', async () => {
    await refused(`Bearer ${token(claims({ aud: 'https://api.botframework.com' }))}`);
  });

  it('refuses a token for another bot app id', async () => {
    await refused(`Bearer ${token(claims({ aud: OTHER_APP_ID }))}`);
  });

  it('refuses a token from another issuer, the public channel’s included', async () => {
    await refused(`Bearer ${token(claims({ iss: 'https://api.botframework.com' }))}`);
  });

  it('refuses a token whose serviceurl claim is not the activity’s serviceUrl', async () => {
    await refused(`Bearer ${token(claims({ serviceurl: 'https://smba.trafficmanager.net/emea/' }))}`);
  });

  it('refuses an unsigned token (alg "none")', async () => {
    await refused(`Bearer ${token(claims(), { alg: 'none' })}`);
  });

  it('refuses a token signed by a key the channel does not publish', async () => {
    await refused(`Bearer ${token(claims(), { kid: 'someone-elses-key' }, makeKey('someone-elses-key'))}`);
  });

  it('refuses a Teams-endorsed key signing an activity of another channel', async () => {
    const sentBefore = bot.connector.events.length;
    const activity = {
      type: 'message',
      id: 'webchat-1',
      channelId: 'webchat',
      serviceUrl: bot.connector.url,
      text: 'help',
      from: { id: `29:${employee.id}`, aadObjectId: employee.id },
      recipient: { id: '28:pin-reset-bot' },
      conversation: { id: bot.personalConversationOf(employee), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
      channelData: { tenant: { id: DEMO_TENANT_ID } },
    };
    const response = await quietly(() => bot.post(activity, { authorization: `Bearer ${token()}` }));
    // 403 since only Teams activities are answered at all (test/security/teams-only.test.ts); a
    // token check that stood alone would answer 401. Either way nothing may happen.
    assert.ok(response.status === 401 || response.status === 403, `status ${response.status}`);
    assert.deepEqual(tenant.requests, []);
    assert.equal(bot.connector.events.length, sentBefore);
  });

  it('refuses a valid channel token in another scheme than Bearer', async () => {
    await refused(`Basic ${token()}`);
  });

  it('accepts a valid channel token and answers with the help card', async () => {
    const sentBefore = bot.connector.events.length;
    const status = await bot.say(employee, 'help', { authorization: `Bearer ${token()}` });
    assert.ok(status === 200 || status === 202, `status ${status}`);
    const sent = bot.connector.events.slice(sentBefore);
    assert.equal(sent.length, 1);
    assert.match(JSON.stringify(sent[0]?.activity), /Forgot your device PIN or passcode\?/);
    assert.deepEqual(tenant.requests, []);
  });

  it('fetched the channel metadata and keys only when a token needed them, and once', () => {
    assert.deepEqual(fetchedAtStart, []);
    assert.deepEqual(openId.fetched, ['/v1/.well-known/openidconfiguration', '/keys']);
  });
});
