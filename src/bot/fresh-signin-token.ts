// Verifies the user's Entra token that the Bot Framework token service hands back for the OAuth
// connection, so the fresh sign-in decision reads claims Entra signed — never claims anyone could
// write. jose does the JOSE work (RS256 over the tenant's published keys, exp/nbf, iss, aud);
// this file adds the tenant check and a typed reason for every refusal.
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { joseRefusal } from './jose-refusal';

/** Tolerance for exp/nbf between Entra's clock and ours. */
const CLOCK_SKEW_SECONDS = 60;
/** Entra rotates signing keys; keys older than this are fetched again. */
const KEYS_MAX_AGE_MS = 24 * 3600_000;
/** An unknown kid may mean a rotation: look again, but not more often than this. */
const UNKNOWN_KID_REFETCH_MS = 5 * 60_000;

export const SsoClaims = z.object({
  iss: z.string(),
  aud: z.string(),
  tid: z.string(),
  exp: z.number(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
  auth_time: z.number().optional(),
  oid: z.string().optional(),
  ver: z.string().optional(),
});
export type SsoClaims = z.infer<typeof SsoClaims>;

const Metadata = z.object({ issuer: z.string(), jwks_uri: z.string().url() });

export type SsoTokenFailure =
  | 'malformed'
  | 'unsupportedAlgorithm'
  | 'unknownKey'
  | 'badSignature'
  | 'wrongIssuer'
  | 'wrongTenant'
  | 'wrongAudience'
  | 'expired'
  | 'notYetValid'
  | 'metadataUnavailable';

export type SsoTokenResult = { kind: 'valid'; claims: SsoClaims } | { kind: 'invalid'; reason: SsoTokenFailure; detail?: string };

export interface SsoTokenExpectations {
  /** The tenant's OpenID metadata, e.g. https://login.microsoftonline.com/<tenant>/v2.0/.well-known/openid-configuration */
  metadataUrl: string;
  /** Accepted `aud` values: the SSO app's client id (v2 tokens) or its api://… URI. */
  audience: string | readonly string[];
  tenantId: string;
  now: Date;
}

type RemoteKeys = ReturnType<typeof createRemoteJWKSet>;

interface TenantKeys {
  issuer: string;
  keys: RemoteKeys;
}

/**
 * The metadata of each metadata URL, fetched when first needed (concurrent confirms share one
 * fetch) and kept; jose's remote key set behind it refetches the keys after a day, or for an
 * unknown kid at most every 5 minutes. A failed fetch is not kept, so the next confirm tries again.
 */
export class OpenIdKeyCache {
  private readonly entries = new Map<string, Promise<TenantKeys>>();

  keysOf(metadataUrl: string): Promise<TenantKeys> {
    let loading = this.entries.get(metadataUrl);
    if (!loading) {
      loading = fetchTenantKeys(metadataUrl);
      this.entries.set(metadataUrl, loading);
      loading.catch(() => {
        if (this.entries.get(metadataUrl) === loading) this.entries.delete(metadataUrl);
      });
    }
    return loading;
  }
}

async function fetchTenantKeys(metadataUrl: string): Promise<TenantKeys> {
  const response = await fetch(metadataUrl, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${metadataUrl} answered ${response.status}`);
  const metadata = Metadata.parse(await response.json());
  const keys = createRemoteJWKSet(new URL(metadata.jwks_uri), { cacheMaxAge: KEYS_MAX_AGE_MS, cooldownDuration: UNKNOWN_KID_REFETCH_MS, timeoutDuration: 10_000 });
  return { issuer: metadata.issuer, keys };
}

const sharedKeys = new OpenIdKeyCache();

/**
 * Checks an Entra v2 access token for the SSO app: RS256 signature by a key of the tenant's JWKS,
 * the tenant's issuer, the tenant id, the audience and the validity window. Returns the claims or
 * why the token is refused; throws only on a bug.
 */
export async function verifySsoToken(token: string, expected: SsoTokenExpectations, keys: OpenIdKeyCache = sharedKeys): Promise<SsoTokenResult> {
  const header = headerOf(token);
  if (!header) return { kind: 'invalid', reason: 'malformed', detail: 'not a signed JWT' };
  // Only what Entra signs with: "none" and HMAC algorithms (keyed with a public key) are refused before any key is fetched.
  if (header.alg !== 'RS256') return { kind: 'invalid', reason: 'unsupportedAlgorithm', detail: header.alg };
  // jose would try the only key of a one-key set for a token without kid; Entra always names it.
  if (!header.kid) return { kind: 'invalid', reason: 'unknownKey', detail: 'no kid' };
  let tenant: TenantKeys;
  try {
    tenant = await keys.keysOf(expected.metadataUrl);
  } catch (error: unknown) {
    return { kind: 'invalid', reason: 'metadataUnavailable', detail: error instanceof Error ? error.message : String(error) };
  }
  const tenantId = expected.tenantId.toLowerCase();
  try {
    const { payload } = await jwtVerify(token, keysOrUnavailable(tenant.keys), {
      algorithms: ['RS256'],
      // Multi-tenant metadata names the issuer with a {tenantid} placeholder; ours is one tenant's.
      issuer: tenant.issuer.replace('{tenantid}', tenantId),
      audience: typeof expected.audience === 'string' ? expected.audience : [...expected.audience],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: expected.now,
    });
    const claims = SsoClaims.safeParse(payload);
    if (!claims.success) return { kind: 'invalid', reason: 'malformed', detail: 'claims of the wrong shape' };
    if (claims.data.tid.toLowerCase() !== tenantId) return { kind: 'invalid', reason: 'wrongTenant', detail: claims.data.tid };
    return { kind: 'valid', claims: claims.data };
  } catch (error: unknown) {
    const reason = refusalOf(error);
    if (!reason) throw error;
    return { kind: 'invalid', reason, detail: error instanceof errors.JOSEError ? error.code : undefined };
  }
}

/** Fetching the keys failed (a socket error, not a JOSE verdict): the key set is unavailable, not the token wrong. */
class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

function keysOrUnavailable(keys: RemoteKeys): JWTVerifyGetKey {
  return async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error: unknown) {
      if (error instanceof errors.JOSEError) throw error;
      throw new KeysUnavailable('the tenant keys could not be fetched', { cause: error });
    }
  };
}

function headerOf(token: string): { alg?: string; kid?: string } | undefined {
  if (token.split('.').length !== 3) return undefined;
  try {
    const header = decodeProtectedHeader(token);
    return header.alg ? header : undefined;
  } catch (error: unknown) {
    // Garbage in the header is the sender's problem, reported as 'malformed' by the caller.
    if (error instanceof errors.JOSEError) return undefined;
    throw error;
  }
}

/** jose's typed errors → why the token is refused; undefined = a bug. */
function refusalOf(error: unknown): SsoTokenFailure | undefined {
  const refusal = joseRefusal(error);
  if (refusal) return refusal;
  // The key set could not be fetched (timeout, refused connection, not a JWKS).
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error instanceof KeysUnavailable) return 'metadataUnavailable';
  return undefined;
}
