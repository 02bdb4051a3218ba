// RS256 test tokens made with node:crypto alone: the production code must accept exactly what a
// real issuer signs and nothing else, so the tests build tokens byte by byte, including broken ones.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

export interface TestKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type JwtHeader = { alg: string; kid?: string; typ?: string } & Record<string, unknown>;
export type JwtPayload = Record<string, unknown>;

/** A fresh 2048-bit RSA key pair; `kid` is what the JWKS and the token header call it. */
export function makeKey(kid: string): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** The public half as a JWKS entry (`endorsements` is the Bot Framework's extension). */
export function jwkOf(key: TestKey, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: key.kid, n: jwk.n, e: jwk.e, ...extra };
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/**
 * `header.payload.signature` signed with RSASSA-PKCS1-v1_5 SHA-256 whatever `header.alg` says,
 * so a test can lie in the header. `alg: "none"` gets an empty signature, as such tokens have.
 */
export function signJwt(header: JwtHeader, payload: JwtPayload, privateKey: KeyObject): string {
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  if (header.alg === 'none') return `${signingInput}.`;
  const signature = createSign('RSA-SHA256').update(signingInput).sign(privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** Seconds since the epoch, as JWT time claims count. */
export function epochSeconds(at: Date | number = Date.now()): number {
  return Math.floor((typeof at === 'number' ? at : at.getTime()) / 1000);
}
