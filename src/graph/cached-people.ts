// A short memory for the directory lookups that only shape what people see (names, the manager to
// notify, `history` search results). Membership is not among them: it authorises decisions.
import { TtlCache } from '../promise-cache';
import type { Clock, PeopleDirectory, Person } from '../reset/ports';

export const DEFAULT_PEOPLE_TTL_MS = 5 * 60_000;

export interface CachedPeopleOptions {
  /** How long an answer is reused (default 5 minutes). */
  ttlMs?: number;
  clock?: Clock;
  /** Answers kept per kind of lookup; the oldest are dropped first (default 1,000). */
  maxEntries?: number;
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/**
 * `inner` with person, managerOf and findPeople remembered for `ttlMs` (copies are handed out, so a
 * caller cannot edit what the next one reads); isMemberOf always asks `inner`.
 */
export function cachedPeople(inner: PeopleDirectory, options: CachedPeopleOptions = {}): PeopleDirectory {
  return new CachedPeople(inner, options);
}

class CachedPeople implements PeopleDirectory {
  private readonly persons: TtlCache<Person | undefined>;
  private readonly managers: TtlCache<Person | null>;
  private readonly searches: TtlCache<Person[]>;

  constructor(
    private readonly inner: PeopleDirectory,
    options: CachedPeopleOptions,
  ) {
    const settings = {
      ttlMs: options.ttlMs ?? DEFAULT_PEOPLE_TTL_MS,
      clock: options.clock ?? SYSTEM_CLOCK,
      maxEntries: options.maxEntries ?? 1000,
    };
    this.persons = new TtlCache(settings);
    this.managers = new TtlCache(settings);
    this.searches = new TtlCache(settings);
  }

  async person(userId: string): Promise<Person | undefined> {
    const found = await this.persons.get(idKey(userId), () => this.inner.person(userId));
    return found && { ...found };
  }

  async managerOf(userId: string): Promise<Person | null> {
    const manager = await this.managers.get(idKey(userId), () => this.inner.managerOf(userId));
    return manager && { ...manager };
  }

  /**
   * Never cached. Approving is decided at click time: someone removed from the helpdesk group must
   * lose the right at once, not up to a TTL later, and a cached "no" would refuse a newly added
   * agent. One checkMemberGroups per click is cheap next to the action it guards.
   */
  isMemberOf(userId: string, groupId: string): Promise<boolean> {
    return this.inner.isMemberOf(userId, groupId);
  }

  async findPeople(query: string): Promise<Person[]> {
    // Graph compares names and addresses without regard to case, so neither does the key.
    const found = await this.searches.get(query.trim().toLowerCase(), () => this.inner.findPeople(query));
    return found.map((person) => ({ ...person }));
  }
}

/** Entra object ids and sign-in names are case-insensitive. */
function idKey(userId: string): string {
  return userId.toLowerCase();
}
