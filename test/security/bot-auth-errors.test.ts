import assert from 'node:assert/strict';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { ChannelAuthentication, RefusedToken } from '../../src/bot/channel-authentication';
import { ChannelTokenVerifier } from '../../src/bot/channel-token';
import { epochSeconds, jwkOf, makeKey, signJwt, type JwtPayload } from './support/jwt';
import { startOpenIdServer, type OpenIdServer } from './support/openid-server';

/*
 * The channel token check itself (jose), below CloudAdapter: a token the caller got wrong is a
 * RefusedToken — CloudAdapter's AuthenticationError with status 401 — naming why; a failure of
 * ours (the channel's keys unreachable) is not, so it becomes a 500 and the channel retries
 * (Bot Framework REST docs: the channel retries on 5xx). Time is read from the injected clock.
 */
const APP_ID = '9a1c7f52-3c1e-4b7a-9d2e-5f0a6b1c2d3e';
const ISSUER = 'https://channel.pinbot.test';
const SERVICE_URL = 'https://smba.trafficmanager.net/emea/';
/** A day long past: tokens made for it are valid only on a clock set to it. */
const THEN = new Date('2026-03-01T09:00:00Z');

const activity = { type: 'message', channelId: 'msteams', serviceUrl: SERVICE_URL } as Activity;

describe('the channel token check (jose) and its failures', () => {
  const key = makeKey('channel-key');
  let openId: OpenIdServer;
  let now = THEN;

  before(async () => {
    openId = await startOpenIdServer({ issuer: ISSUER, keys: [jwkOf(key, { endorsements: ['msteams'] })] });
  });
  after(() => openId.stop());
  beforeEach(() => {
    now = THEN;
  });

  function authentication(metadataUrl = openId.metadataUrl): ChannelAuthentication {
    const inner = new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x' });
    return new ChannelAuthentication(inner, new ChannelTokenVerifier({ metadataUrl, issuer: ISSUER, appId: APP_ID, clock: { now: () => now } }));
  }

  function token(overrides: JwtPayload = {}, signer = key): string {
    const at = epochSeconds(THEN);
    return signJwt({ alg: 'RS256', kid: key.kid }, { iss: ISSUER, aud: APP_ID, serviceurl: SERVICE_URL, nbf: at - 60, exp: at + 3600, ...overrides }, signer.privateKey);
  }

  async function failureOf(authHeader: string, auth = authentication()): Promise<unknown> {
    return auth.authenticateRequest(activity, authHeader).then(
      () => assert.fail('authenticated'),
      (failure: unknown) => failure,
    );
  }

  it('accepts a token valid on the injected clock, a day long past', async () => {
    const result = await authentication().authenticateRequest(activity, `Bearer ${token()}`);
    assert.equal(result.claimsIdentity.getClaimValue('aud'), APP_ID);
    assert.ok(result.connectorFactory);
  });

  it('refuses the same token once the injected clock is past its exp and the 5-minute tolerance', async () => {
    now = new Date(THEN.getTime() + 3600_000 + 6 * 60_000);
    const failure = await failureOf(`Bearer ${token()}`);
    assert.ok(failure instanceof RefusedToken && failure.reason === 'expired');
  });

  it('turns a bad signature into an AuthenticationError with status 401 naming the reason', async () => {
    const failure = await failureOf(`Bearer ${token({}, makeKey('channel-key'))}`);
    assert.ok(failure instanceof AuthenticationError);
    assert.equal(failure.statusCode, 401);
    assert.ok(failure instanceof RefusedToken && failure.reason === 'badSignature');
  });

  it('turns a token that is not valid yet into a 401', async () => {
    const failure = await failureOf(`Bearer ${token({ nbf: epochSeconds(THEN) + 600 })}`);
    assert.ok(failure instanceof RefusedToken && failure.statusCode === 401 && failure.reason === 'notYetValid');
  });

  it('leaves our own failures alone: unreachable metadata stays an error of ours', async () => {
    const failure = await failureOf(`Bearer ${token()}`, authentication(`${openId.origin}/no-such-metadata`));
    assert.ok(failure instanceof Error);
    assert.ok(!(failure instanceof AuthenticationError), String(failure));
  });
});
