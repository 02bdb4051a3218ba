// One reading of jose's typed errors for both tokens the bot verifies (the channel's and the user's
// SSO token): by class, never by message.
import { errors } from 'jose';

/** Why a token is the sender's fault, as both verifiers report it. */
export type JoseRefusal =
  | 'expired'
  | 'wrongIssuer'
  | 'wrongAudience'
  | 'notYetValid'
  | 'malformed'
  | 'badSignature'
  | 'unknownKey'
  | 'unsupportedAlgorithm';

/** The refusal a jose error stands for; undefined when it is not the token's fault (a bug, keys unreachable). */
export function joseRefusal(error: unknown): JoseRefusal | undefined {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'wrongIssuer';
    if (error.claim === 'aud') return 'wrongAudience';
    if (error.claim === 'nbf') return 'notYetValid';
    return 'malformed';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'badSignature';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknownKey';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'unsupportedAlgorithm';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) return 'malformed';
  return undefined;
}
