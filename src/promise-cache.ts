// Promises remembered per key: one shared load for callers arriving together, bounded in size.
import type { Clock } from './reset/ports';

interface CacheEntry<T> {
  expiresAt: number;
  value: Promise<T>;
}

/**
 * Remembers promises for `ttlMs`, so concurrent lookups of one key share one call; a rejected one
 * is forgotten (an outage is not an answer). `ttlMs: Infinity` keeps a value until it is crowded out.
 */
export class TtlCache<T> {
  private readonly entries = new Map<string, CacheEntry<T>>();

  constructor(private readonly settings: { ttlMs: number; clock: Clock; maxEntries: number }) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const now = this.settings.clock.now().getTime();
    const hit = this.entries.get(key);
    if (hit !== undefined && hit.expiresAt > now) return hit.value;
    this.entries.delete(key);
    const entry: CacheEntry<T> = { expiresAt: now + this.settings.ttlMs, value: load() };
    this.makeRoom(now);
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  /** Drops expired entries, then the oldest, so arbitrary search text cannot grow the map without bound. */
  private makeRoom(now: number): void {
    if (this.entries.size < this.settings.maxEntries) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.settings.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
