import type { Clock } from '../reset/ports';

const WINDOW_MS = 60_000;
/** People remembered at once; the least recently seen are forgotten first (a bound on memory). */
const MAX_PEOPLE = 10_000;

/**
 * How many activities that cost a Graph request one person may send per minute (a sliding
 * window). Intune's budget — 2,000 requests per 20 s per app per tenant — is shared by everyone
 * in the tenant; one person (or one stolen session) must not spend it. Kept in memory, per
 * instance: with N instances a person gets at most N times the limit.
 */
export class PerPersonLimit {
  /** Times (epoch ms) of each person's accepted activities in the last window, oldest first. */
  private readonly recent = new Map<string, number[]>();

  constructor(
    readonly perMinute: number,
    private readonly clock: Clock,
  ) {}

  /** Whether `personKey` may go on now; an accepted activity counts, a refused one does not. */
  take(personKey: string): boolean {
    const now = this.clock.now().getTime();
    const times = (this.recent.get(personKey) ?? []).filter((at) => at > now - WINDOW_MS);
    const accepted = times.length < this.perMinute;
    if (accepted) times.push(now);
    // Re-inserting keeps the Map in order of last activity, so the oldest come first below.
    this.recent.delete(personKey);
    this.recent.set(personKey, times);
    this.forgetOldest();
    return accepted;
  }

  private forgetOldest(): void {
    for (const key of this.recent.keys()) {
      if (this.recent.size <= MAX_PEOPLE) return;
      this.recent.delete(key);
    }
  }
}
