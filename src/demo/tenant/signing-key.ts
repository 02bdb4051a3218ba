// The demo tenant's token-signing key: what Entra publishes at discovery/v2.0/keys and signs user
// tokens with (RS256, named by kid). Made fresh at every start and kept in memory only.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';

export interface SigningKey {
  /** The JWKS document: the public key only. */
  jwks(): { keys: JWK[] };
  sign(claims: JWTPayload): Promise<string>;
}

export async function createSigningKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const kid = randomUUID();
  const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' };
  return {
    jwks: () => ({ keys: [publicJwk] }),
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey),
  };
}
