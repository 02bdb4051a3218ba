// A local stand-in for a tenant's Entra v2 OpenID endpoint, and user tokens as the Bot Framework
// token service would hand them back for the OAuth connection (v2 access tokens of the SSO app).
import { FreshSignInGate } from '../../../src/bot/fresh-signin';
import { OpenIdKeyCache } from '../../../src/bot/fresh-signin-token';
import { silentLogger } from '../../../src/log';
import { epochSeconds, jwkOf, makeKey, signJwt, type JwtHeader, type JwtPayload, type TestKey } from './jwt';
import { startOpenIdServer, type OpenIdServer } from './openid-server';

export const SSO_TENANT_ID = '4c5d6e7f-1a2b-4c3d-8e9f-0a1b2c3d4e5f';
export const SSO_APP_ID = '7e8f9a0b-1c2d-4e3f-9a4b-5c6d7e8f9a0b';
export const SSO_USER_OID = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

export interface EntraStandIn {
  server: OpenIdServer;
  key: TestKey;
  /** The tenant's v2 issuer, as the metadata names it. */
  issuer: string;
  /** A token for the SSO app; `overrides` replace or add claims. */
  token(overrides?: JwtPayload, header?: Partial<JwtHeader>, key?: TestKey): string;
  stop(): Promise<void>;
}

export async function startEntraStandIn(): Promise<EntraStandIn> {
  const key = makeKey('entra-signing-key');
  const server = await startOpenIdServer({
    issuer: `{origin}/${SSO_TENANT_ID}/v2.0`,
    keys: [jwkOf(key)],
    metadataPath: `/${SSO_TENANT_ID}/v2.0/.well-known/openid-configuration`,
  });
  const issuer = `${server.origin}/${SSO_TENANT_ID}/v2.0`;
  return {
    server,
    key,
    issuer,
    token: (overrides = {}, header = {}, signer = key) => {
      const now = epochSeconds();
      const claims: JwtPayload = {
        iss: issuer,
        aud: SSO_APP_ID,
        tid: SSO_TENANT_ID,
        oid: SSO_USER_OID,
        scp: 'access_as_user',
        ver: '2.0',
        iat: now - 30,
        nbf: now - 30,
        exp: now + 3600,
        auth_time: now - 60,
        ...overrides,
      };
      return signJwt({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header }, claims, signer.privateKey);
    },
    stop: () => server.stop(),
  };
}

/** The bot's fresh sign-in gate as production builds it, checking tokens against this stand-in (5 minutes fresh). */
export function freshSignInGateFor(entra: EntraStandIn, connectionName = 'TeamsSso'): FreshSignInGate {
  return new FreshSignInGate({
    connectionName,
    maxAgeMs: 5 * 60_000,
    metadataUrl: entra.server.metadataUrl,
    tenantId: SSO_TENANT_ID,
    audience: SSO_APP_ID,
    clock: { now: () => new Date() },
    log: silentLogger,
    keys: new OpenIdKeyCache(),
  });
}
