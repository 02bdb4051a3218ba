// Checks the signed JWT a certificate credential sends instead of a secret (private_key_jwt):
// RS256 or PS256, signed by the registered certificate's key, for this client and this token endpoint.
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { z } from 'zod';

const Header = z.object({ alg: z.enum(['RS256', 'PS256']) });
const Claims = z.object({ iss: z.string(), sub: z.string(), aud: z.string(), exp: z.number() });

export type AssertionCheck = { ok: true } | { ok: false; why: string };

export function checkClientAssertion(
  assertion: string,
  expected: { certificatePem: string; clientId: string; tokenEndpoint: string },
  nowSeconds: number = Date.now() / 1000,
): AssertionCheck {
  const parts = assertion.split('.');
  if (parts.length !== 3) return { ok: false, why: 'the assertion is not a JWT' };
  const [headerPart, claimsPart, signaturePart] = parts;
  const header = Header.safeParse(decodeJson(headerPart));
  const claims = Claims.safeParse(decodeJson(claimsPart));
  if (!header.success || !claims.success) return { ok: false, why: 'the assertion lacks alg, iss, sub, aud or exp' };
  const key = createPublicKey(expected.certificatePem);
  const signed = Buffer.from(`${headerPart}.${claimsPart}`);
  if (!signatureValid(header.data.alg, key, signed, Buffer.from(signaturePart, 'base64url'))) {
    return { ok: false, why: 'the assertion is not signed by the registered certificate' };
  }
  const { iss, sub, aud, exp } = claims.data;
  if (iss !== expected.clientId || sub !== expected.clientId) return { ok: false, why: 'the assertion is for another client' };
  if (aud !== expected.tokenEndpoint) return { ok: false, why: `the assertion's audience is not ${expected.tokenEndpoint}` };
  if (exp <= nowSeconds) return { ok: false, why: 'the assertion has expired' };
  return { ok: true };
}

function signatureValid(alg: 'RS256' | 'PS256', key: KeyObject, data: Buffer, signature: Buffer): boolean {
  if (alg === 'RS256') return verify('sha256', data, key, signature);
  return verify('sha256', data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
}

function decodeJson(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as unknown;
  } catch (error: unknown) {
    // Not JSON: the schema check that follows rejects it.
    return { unreadable: String(error) };
  }
}
