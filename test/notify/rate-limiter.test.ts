import assert from 'node:assert/strict';
import { RateLimiter, TEAMS_RATE_LIMITS, type RateLimits } from '../../src/notify/rate-limiter';

const LIMITS: RateLimits = {
  perKey: [
    { limit: 7, windowMs: 1_000 },
    { limit: 60, windowMs: 30_000 },
  ],
  overall: [{ limit: 30, windowMs: 1_000 }],
};

describe('the rate limiter', () => {
  let now: number;
  let limiter: RateLimiter;

  beforeEach(() => {
    now = 0;
    limiter = new RateLimiter(LIMITS, () => now);
  });

  /** Acquires as soon as allowed, `count` times, and returns the times it got a slot. */
  function sendAll(key: string, count: number): number[] {
    const times: number[] = [];
    while (times.length < count) {
      const wait = limiter.tryAcquire(key);
      if (wait === 0) times.push(now);
      else now += wait;
    }
    return times;
  }

  it('lets 7 through in a second and tells the 8th how long to wait', () => {
    for (let i = 0; i < 7; i++) {
      now = i * 100;
      assert.equal(limiter.tryAcquire('a:alice'), 0);
    }
    now = 700;
    assert.equal(limiter.tryAcquire('a:alice'), 300);
    now = 1_000;
    assert.equal(limiter.tryAcquire('a:alice'), 0);
  });

  it('never lets more than 60 through in 30 seconds for one conversation', () => {
    const times = sendAll('a:alice', 200);
    for (const start of times) {
      assert.ok(times.filter((t) => t >= start && t < start + 30_000).length <= 60);
      assert.ok(times.filter((t) => t >= start && t < start + 1_000).length <= 7);
    }
    assert.equal(times[60], 30_000);
  });

  it('paces each conversation on its own', () => {
    sendAll('a:alice', 7);
    assert.ok(limiter.tryAcquire('a:alice') > 0);
    assert.equal(limiter.tryAcquire('a:bob'), 0);
  });

  it('holds every conversation back once the overall limit is reached, without taking a slot', () => {
    for (let i = 0; i < 30; i++) assert.equal(limiter.tryAcquire(`a:user-${i}`), 0);
    assert.equal(limiter.tryAcquire('a:user-30'), 1_000);
    now = 1_000;
    for (let i = 0; i < 7; i++) assert.equal(limiter.tryAcquire('a:user-30'), 0);
  });

  it('keeps Teams limits for one thread, with slack for arrival jitter, and a margin under 30 per second overall', () => {
    const teams = [[7, 1_000], [8, 2_000], [60, 30_000], [1_800, 3_600_000]] as const;
    assert.equal(TEAMS_RATE_LIMITS.perKey.length, teams.length);
    TEAMS_RATE_LIMITS.perKey.forEach((rule, i) => {
      const [limit, windowMs] = teams[i] ?? [0, 0];
      assert.equal(rule.limit, limit);
      assert.ok(rule.windowMs > windowMs && rule.windowMs <= windowMs + 250, `${rule.limit}/${rule.windowMs}`);
    });
    assert.ok(TEAMS_RATE_LIMITS.overall.every((rule) => rule.limit / (rule.windowMs / 1_000) < 30));
  });
});
