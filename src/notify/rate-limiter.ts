/**
 * Paces sends under Teams' limits: per conversation (a "key": the outbox lane) and per app overall.
 *
 * Sliding windows over the recent send times, not token buckets: a bucket of 7 refilled at 7/s lets
 * 7 + 3 through within half a second, and Teams counts over windows. Remembering up to `limit`
 * times per rule and key is cheap at these limits.
 *
 * Pure and synchronous, with the time injected, so that a test can drive hours of traffic in
 * milliseconds and concurrent tasks of one worker cannot both take the last slot.
 */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Applies to each key (a conversation lane) separately. */
  perKey: readonly WindowRule[];
  /** Applies to all keys together. */
  overall: readonly WindowRule[];
}

/** Slack for the arrival of a send at Teams, later than the moment its slot was taken here. */
const ARRIVAL_JITTER_MS = 100;

/**
 * Teams' per-bot-per-thread limits for sends (7 in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in an hour)
 * and, overall, a margin under the ~30 requests/s per app that DESIGN.md budgets for (Teams
 * documents 50 per app per tenant; other parts of the bot call the connector too).
 */
export const TEAMS_RATE_LIMITS: RateLimits = {
  perKey: [
    // Each window 100 ms longer than Teams': the times here are when a slot is taken, Teams counts
    // when the request arrives, and arrivals jitter (the bench saw an 8th send arrive 999 ms after
    // the 1st when paced at exactly 1,000 ms).
    { limit: 7, windowMs: 1_000 + ARRIVAL_JITTER_MS },
    { limit: 8, windowMs: 2_000 + ARRIVAL_JITTER_MS },
    { limit: 60, windowMs: 30_000 + ARRIVAL_JITTER_MS },
    { limit: 1_800, windowMs: 3_600_000 + ARRIVAL_JITTER_MS },
  ],
  overall: [{ limit: 25, windowMs: 1_000 }],
};

const OVERALL = Symbol('overall');
type Key = string | typeof OVERALL;

export class RateLimiter {
  /** Send times (epoch ms, ascending) per key, within the longest window. */
  private readonly sent = new Map<Key, number[]>();
  private readonly longestWindowMs: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.longestWindowMs = Math.max(0, ...[...limits.perKey, ...limits.overall].map((r) => r.windowMs));
  }

  /**
   * Takes a slot for `key` and answers 0 when both its own and the overall windows have room;
   * otherwise takes nothing and answers how many ms until one might.
   */
  tryAcquire(key: string): number {
    const at = this.now();
    const own = this.recent(key, at);
    const all = this.recent(OVERALL, at);
    const wait = Math.max(waitOf(own, this.limits.perKey, at), waitOf(all, this.limits.overall, at));
    if (wait > 0) return wait;
    this.sent.set(key, [...own, at]);
    this.sent.set(OVERALL, [...all, at]);
    return 0;
  }

  private recent(key: Key, at: number): number[] {
    const kept = (this.sent.get(key) ?? []).filter((t) => t > at - this.longestWindowMs);
    // Forget idle keys, so a bot that talked to thousands of chats does not keep them all.
    if (kept.length === 0) this.sent.delete(key);
    else this.sent.set(key, kept);
    return kept;
  }
}

/** 0 when every rule has room at `at`; else the ms until the oldest send of a full window leaves it. */
function waitOf(times: readonly number[], rules: readonly WindowRule[], at: number): number {
  let wait = 0;
  for (const rule of rules) {
    const inWindow = times.filter((t) => t > at - rule.windowMs);
    const oldest = inWindow.length >= rule.limit ? inWindow[inWindow.length - rule.limit] : undefined;
    if (oldest !== undefined) wait = Math.max(wait, oldest + rule.windowMs - at);
  }
  return wait;
}
