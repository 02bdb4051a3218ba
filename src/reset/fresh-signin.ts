// Is the user's last real sign-in recent enough to let them confirm a passcode reset?
// Like Company Portal's "sign in again within 5 minutes": whoever holds an unlocked laptop with
// Teams open must not be able to reset the owner's phone passcode without proving who they are.

/** Entra's clock and ours may differ by a few seconds; a minute covers honest drift. */
export const SIGN_IN_CLOCK_SKEW_MS = 60_000;

export type SignInFreshness = 'fresh' | 'stale' | 'missing';

/**
 * Decides from the token's `auth_time` (seconds since the epoch: when the user last entered
 * credentials, not when the token was issued — a silently refreshed token keeps its old auth_time).
 *
 * - no `auth_time` → 'missing': `iat` is not a substitute, it moves on every silent refresh;
 * - `auth_time` in the future by more than the skew → 'stale': no honest token says the user signs
 *   in later, and treating it as age 0 would keep a crafted or mis-clocked token "fresh" for as long
 *   as it points ahead; within the skew it counts as just now;
 * - `auth_time` after `iat` by more than the skew → 'stale': a user cannot authenticate after the
 *   token that records it was issued, so the claims contradict each other;
 * - otherwise 'fresh' when the sign-in is at most `maxAgeMs` old.
 */
export function isFreshSignIn(claims: { auth_time?: number; iat?: number }, now: Date, maxAgeMs: number): SignInFreshness {
  const authTime = claims.auth_time;
  if (authTime === undefined || !Number.isFinite(authTime)) return 'missing';
  const signedInAt = authTime * 1000;
  if (signedInAt > now.getTime() + SIGN_IN_CLOCK_SKEW_MS) return 'stale';
  if (claims.iat !== undefined && signedInAt > claims.iat * 1000 + SIGN_IN_CLOCK_SKEW_MS) return 'stale';
  const age = Math.max(0, now.getTime() - signedInAt);
  return age <= maxAgeMs ? 'fresh' : 'stale';
}
