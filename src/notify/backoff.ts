/**
 * When to try a failed message again: exponential backoff with jitter, or Retry-After when Teams
 * sent one. Pure; the random source is injected so tests can pin it.
 */
export interface RetryPolicy {
  /** Delay after the first failed try; doubles with each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Tries before a message that keeps failing retryably ends as failed ('attemptsExhausted').
   * A throttled try counts too: pacing keeps 429s rare, and a conversation Teams throttles for
   * twenty minutes needs a person to look, not an endless queue.
   */
  maxAttempts: number;
}

/** 8 tries spread over about 20 minutes (5 s, 10 s, … 10 min, halved at most by jitter). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 5_000, maxDelayMs: 600_000, maxAttempts: 8 };

/**
 * `triesSoFar` counts the try that just failed (1 after the first). "Equal jitter": half the
 * exponential delay is fixed and half is random, so retries of many messages spread out but never
 * come back at once. Retry-After is a floor Teams set: wait at least that, plus a little jitter so
 * that everything throttled together does not return in the same millisecond.
 */
export function retryDelayMs(triesSoFar: number, retryAfterMs: number | undefined, policy: RetryPolicy, random: () => number): number {
  if (retryAfterMs !== undefined) return retryAfterMs + Math.round(random() * Math.min(1_000, retryAfterMs / 10 + 100));
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, triesSoFar - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
