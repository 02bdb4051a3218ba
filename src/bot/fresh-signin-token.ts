// Verifies the user's Entra token that the Bot Framework token service hands back for the OAuth
// connection, so the fresh sign-in decision reads claims Entra signed — never claims anyone could
// write. node:crypto only: RS256 over the tenant's published keys.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** Tolerance for exp/nbf between Entra's clock and ours. */
const CLOCK_SKEW_SECONDS = 60;
/** Entra rotates signing keys; metadata older than this is fetched again. */
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

const Header = z.object({ alg: z.string(), kid: z.string().optional() });
const Metadata = z.object({ issuer: z.string(), jwks_uri: z.string().url() });
const Jwks = z.object({
  keys: z.array(z.object({ kid: z.string().optional(), kty: z.string(), n: z.string().optional(), e: z.string().optional() })),
});

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

interface SigningKeys {
  issuer: string;
  keys: Map<string, KeyObject>;
  fetchedAt: number;
}

type KeyLookup = { kind: 'found'; issuer: string; key: KeyObject } | { kind: 'unknownKey' } | { kind: 'unavailable'; detail: string };

/** The metadata and JWKS of each metadata URL, fetched when first needed and kept for a day. */
export class OpenIdKeyCache {
  private readonly entries = new Map<string, Promise<SigningKeys>>();

  async lookup(metadataUrl: string, kid: string): Promise<KeyLookup> {
    let keys = await this.load(metadataUrl, false);
    if (!('detail' in keys) && needsRefetch(keys, kid)) keys = await this.load(metadataUrl, true);
    if ('detail' in keys) return { kind: 'unavailable', detail: keys.detail };
    const key = keys.keys.get(kid);
    return key ? { kind: 'found', issuer: keys.issuer, key } : { kind: 'unknownKey' };
  }

  private async load(metadataUrl: string, refresh: boolean): Promise<SigningKeys | { detail: string }> {
    let loading = this.entries.get(metadataUrl);
    if (!loading || refresh) {
      // Concurrent confirms share one fetch.
      loading = fetchSigningKeys(metadataUrl);
      this.entries.set(metadataUrl, loading);
    }
    try {
      return await loading;
    } catch (error: unknown) {
      // A failed fetch is not kept, so the next confirm tries again.
      if (this.entries.get(metadataUrl) === loading) this.entries.delete(metadataUrl);
      return { detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

function needsRefetch(keys: SigningKeys, kid: string): boolean {
  const age = Date.now() - keys.fetchedAt;
  return age > KEYS_MAX_AGE_MS || (!keys.keys.has(kid) && age > UNKNOWN_KID_REFETCH_MS);
}

async function fetchSigningKeys(metadataUrl: string): Promise<SigningKeys> {
  const metadata = Metadata.parse(await fetchJson(metadataUrl));
  const jwks = Jwks.parse(await fetchJson(metadata.jwks_uri));
  const keys = new Map<string, KeyObject>();
  for (const jwk of jwks.keys) {
    if (jwk.kty !== 'RSA' || !jwk.kid || !jwk.n || !jwk.e) continue;
    keys.set(jwk.kid, createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' }));
  }
  return { issuer: metadata.issuer, keys, fetchedAt: Date.now() };
}

async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

const sharedKeys = new OpenIdKeyCache();

/**
 * Checks an Entra v2 access token for the SSO app: RS256 signature by a key of the tenant's JWKS,
 * the tenant's issuer, the tenant id, the audience and the validity window. Returns the claims or
 * why the token is refused; throws only on a bug.
 */
export async function verifySsoToken(token: string, expected: SsoTokenExpectations, keys: OpenIdKeyCache = sharedKeys): Promise<SsoTokenResult> {
  const parts = token.split('.');
  const [encodedHeader = '', encodedPayload = '', encodedSignature = ''] = parts;
  if (parts.length !== 3) return { kind: 'invalid', reason: 'malformed', detail: 'not a signed JWT' };
  const header = Header.safeParse(decodeJson(encodedHeader));
  const payload = SsoClaims.safeParse(decodeJson(encodedPayload));
  if (!header.success || !payload.success) return { kind: 'invalid', reason: 'malformed', detail: 'header or claims of the wrong shape' };
  // Only what Entra signs with: "none" and HMAC algorithms (keyed with a public key) are refused here.
  if (header.data.alg !== 'RS256') return { kind: 'invalid', reason: 'unsupportedAlgorithm', detail: header.data.alg };
  if (!header.data.kid) return { kind: 'invalid', reason: 'unknownKey', detail: 'no kid' };
  const found = await keys.lookup(expected.metadataUrl, header.data.kid);
  if (found.kind === 'unavailable') return { kind: 'invalid', reason: 'metadataUnavailable', detail: found.detail };
  if (found.kind === 'unknownKey') return { kind: 'invalid', reason: 'unknownKey', detail: header.data.kid };
  const signed = Buffer.from(`${encodedHeader}.${encodedPayload}`);
  if (!verify('sha256', signed, found.key, Buffer.from(encodedSignature, 'base64url'))) {
    return { kind: 'invalid', reason: 'badSignature' };
  }
  return checkClaims(payload.data, found.issuer, expected);
}

function checkClaims(claims: SsoClaims, metadataIssuer: string, expected: SsoTokenExpectations): SsoTokenResult {
  const tenantId = expected.tenantId.toLowerCase();
  // Multi-tenant metadata names the issuer with a {tenantid} placeholder; ours is one tenant's.
  const issuer = metadataIssuer.replace('{tenantid}', tenantId);
  if (claims.iss !== issuer) return { kind: 'invalid', reason: 'wrongIssuer', detail: claims.iss };
  if (claims.tid.toLowerCase() !== tenantId) return { kind: 'invalid', reason: 'wrongTenant', detail: claims.tid };
  const audiences: readonly string[] = typeof expected.audience === 'string' ? [expected.audience] : expected.audience;
  if (!audiences.includes(claims.aud)) return { kind: 'invalid', reason: 'wrongAudience', detail: claims.aud };
  const now = expected.now.getTime() / 1000;
  if (now > claims.exp + CLOCK_SKEW_SECONDS) return { kind: 'invalid', reason: 'expired' };
  if (claims.nbf !== undefined && now < claims.nbf - CLOCK_SKEW_SECONDS) return { kind: 'invalid', reason: 'notYetValid' };
  return { kind: 'valid', claims };
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch (error: unknown) {
    // Garbage in a token segment is the sender's problem, reported as 'malformed' by the caller.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
