import assert from 'node:assert/strict';
import { OpenIdKeyCache, verifySsoToken, type SsoTokenExpectations } from '../../src/bot/fresh-signin-token';
import { isFreshSignIn } from '../../src/reset/fresh-signin';
import { SSO_APP_ID, SSO_TENANT_ID, startEntraStandIn, type EntraStandIn } from './support/entra';
import { epochSeconds, makeKey } from './support/jwt';

const MINUTE = 60_000;
const MAX_AGE = 5 * MINUTE;

describe('fresh sign-in: the auth_time decision', () => {
  const now = new Date('2026-03-02T09:00:00Z');
  const minutesAgo = (minutes: number): number => epochSeconds(now.getTime() - minutes * MINUTE);

  it('is fresh when the user signed in 4 minutes ago', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(4), iat: minutesAgo(1) }, now, MAX_AGE), 'fresh');
  });

  it('is fresh at exactly the limit', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(5) }, now, MAX_AGE), 'fresh');
  });

  it('is stale when the user signed in 6 minutes ago', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(6), iat: minutesAgo(1) }, now, MAX_AGE), 'stale');
  });

  it('is stale for a token refreshed a moment ago on a sign-in of yesterday', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(24 * 60), iat: minutesAgo(0) }, now, MAX_AGE), 'stale');
  });

  it('is missing without auth_time, however new the token is', () => {
    assert.equal(isFreshSignIn({ iat: minutesAgo(0) }, now, MAX_AGE), 'missing');
    assert.equal(isFreshSignIn({}, now, MAX_AGE), 'missing');
  });

  it('is stale when auth_time lies in the future beyond the 60 s clock skew', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(-10) }, now, MAX_AGE), 'stale');
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(-2) }, now, MAX_AGE), 'stale');
  });

  it('counts auth_time up to 60 s ahead as clock skew: fresh', () => {
    assert.equal(isFreshSignIn({ auth_time: epochSeconds(now.getTime() + 30_000) }, now, MAX_AGE), 'fresh');
  });

  it('is stale when the sign-in is said to come after the token that records it', () => {
    assert.equal(isFreshSignIn({ auth_time: minutesAgo(1), iat: minutesAgo(4) }, now, MAX_AGE), 'stale');
  });
});

describe('fresh sign-in: verifying the user token Entra signed', () => {
  let entra: EntraStandIn;
  let keys: OpenIdKeyCache;
  before(async () => {
    entra = await startEntraStandIn();
    keys = new OpenIdKeyCache();
  });
  after(() => entra.stop());

  function expected(overrides: Partial<SsoTokenExpectations> = {}): SsoTokenExpectations {
    return { metadataUrl: entra.server.metadataUrl, audience: SSO_APP_ID, tenantId: SSO_TENANT_ID, now: new Date(), ...overrides };
  }

  async function refusedFor(token: string, options: Partial<SsoTokenExpectations> = {}): Promise<string> {
    const result = await verifySsoToken(token, expected(options), keys);
    assert.equal(result.kind, 'invalid', JSON.stringify(result));
    return result.kind === 'invalid' ? result.reason : '';
  }

  it('accepts a valid token and returns its parsed claims', async () => {
    const authTime = epochSeconds() - 120;
    const result = await verifySsoToken(entra.token({ auth_time: authTime }), expected(), keys);
    assert.equal(result.kind, 'valid', JSON.stringify(result));
    if (result.kind === 'valid') {
      assert.equal(result.claims.auth_time, authTime);
      assert.equal(result.claims.tid, SSO_TENANT_ID);
      assert.equal(result.claims.aud, SSO_APP_ID);
    }
  });

  it('accepts the api:// audience when it is the one configured', async () => {
    const uri = `api://pinbot.contoso.com/botid-${SSO_APP_ID}`;
    const result = await verifySsoToken(entra.token({ aud: uri }), expected({ audience: [SSO_APP_ID, uri] }), keys);
    assert.equal(result.kind, 'valid');
  });

  it('refuses a token for another audience (wrongAudience)', async () => {
    assert.equal(await refusedFor(entra.token({ aud: '00000003-0000-0000-c000-000000000000' })), 'wrongAudience');
  });

  it('refuses a token from another issuer (wrongIssuer)', async () => {
    assert.equal(await refusedFor(entra.token({ iss: `https://sts.windows.net/${SSO_TENANT_ID}/` })), 'wrongIssuer');
  });

  it('refuses a token of another tenant, issuer and tid both (wrongIssuer)', async () => {
    const other = '11111111-2222-4333-8444-555555555555';
    assert.equal(await refusedFor(entra.token({ iss: entra.issuer.replace(SSO_TENANT_ID, other), tid: other })), 'wrongIssuer');
  });

  it('refuses a token whose tid is not the tenant (wrongTenant)', async () => {
    assert.equal(await refusedFor(entra.token({ tid: '11111111-2222-4333-8444-555555555555' })), 'wrongTenant');
  });

  it('refuses an expired token (expired)', async () => {
    const now = epochSeconds();
    assert.equal(await refusedFor(entra.token({ iat: now - 7200, nbf: now - 7200, exp: now - 300 })), 'expired');
  });

  it('refuses a token that is not valid yet (notYetValid)', async () => {
    const now = epochSeconds();
    assert.equal(await refusedFor(entra.token({ nbf: now + 600, exp: now + 7200 })), 'notYetValid');
  });

  it('refuses a token signed with another key under Entra’s key id (badSignature)', async () => {
    assert.equal(await refusedFor(entra.token({}, {}, makeKey(entra.key.kid))), 'badSignature');
  });

  it('refuses claims changed after signing (badSignature)', async () => {
    const [header, , signature] = entra.token({ auth_time: epochSeconds() - 86_400 }).split('.');
    const [, freshPayload] = entra.token().split('.');
    assert.equal(await refusedFor(`${header}.${freshPayload}.${signature}`), 'badSignature');
  });

  it('refuses an unsigned token, alg "none" (unsupportedAlgorithm)', async () => {
    assert.equal(await refusedFor(entra.token({}, { alg: 'none' })), 'unsupportedAlgorithm');
  });

  it('refuses HS256, which would use the public key as an HMAC secret (unsupportedAlgorithm)', async () => {
    assert.equal(await refusedFor(entra.token({}, { alg: 'HS256' })), 'unsupportedAlgorithm');
  });

  it('refuses a key id the tenant does not publish (unknownKey)', async () => {
    assert.equal(await refusedFor(entra.token({}, { kid: 'not-published' })), 'unknownKey');
  });

  it('refuses what is not a JWT (malformed)', async () => {
    assert.equal(await refusedFor('not-a-token'), 'malformed');
    assert.equal(await refusedFor('e30.e30.'), 'malformed');
  });

  it('reports unreachable metadata as such (metadataUnavailable)', async () => {
    assert.equal(await refusedFor(entra.token(), { metadataUrl: 'https://127.0.0.1:9/none/.well-known/openid-configuration' }), 'metadataUnavailable');
  });

  it('fetches the metadata and keys once and keeps them', async () => {
    const cache = new OpenIdKeyCache();
    const before = entra.server.fetched.length;
    await Promise.all([1, 2, 3].map(() => verifySsoToken(entra.token(), expected(), cache)));
    await verifySsoToken(entra.token(), expected(), cache);
    assert.deepEqual(entra.server.fetched.slice(before), [`/${SSO_TENANT_ID}/v2.0/.well-known/openid-configuration`, '/keys']);
  });
});
