import assert from 'node:assert/strict';
import { daysSinceCheckIn, isStale } from '../../src/intune';
import { device } from './device-builder';

const NOW = new Date('2025-06-10T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function syncedAgo(ms: number): string {
  return new Date(NOW.getTime() - ms).toISOString();
}

describe('warning about devices that have not checked in', () => {
  it('counts whole days since the last check-in', () => {
    assert.equal(daysSinceCheckIn(device({ lastSyncDateTime: syncedAgo(3 * DAY_MS + 5_000) }), NOW), 3);
    assert.equal(daysSinceCheckIn(device({ lastSyncDateTime: syncedAgo(60_000) }), NOW), 0);
  });

  it('calls a device stale at exactly seven days, and fresh a second before', () => {
    assert.equal(isStale(device({ lastSyncDateTime: syncedAgo(7 * DAY_MS) }), NOW), true);
    assert.equal(isStale(device({ lastSyncDateTime: syncedAgo(7 * DAY_MS - 1_000) }), NOW), false);
  });

  it('treats a device that never checked in as stale, with no day count', () => {
    for (const lastSyncDateTime of ['', '0001-01-01T00:00:00Z']) {
      assert.equal(daysSinceCheckIn(device({ lastSyncDateTime }), NOW), null, lastSyncDateTime);
      assert.equal(isStale(device({ lastSyncDateTime }), NOW), true, lastSyncDateTime);
    }
  });

  it('treats an unreadable check-in date as stale rather than guessing', () => {
    for (const lastSyncDateTime of ['yesterday', '1', '2025-13-45T00:00:00Z']) {
      assert.equal(daysSinceCheckIn(device({ lastSyncDateTime }), NOW), null, lastSyncDateTime);
      assert.equal(isStale(device({ lastSyncDateTime }), NOW), true, lastSyncDateTime);
    }
  });

  it('counts a check-in slightly in the future (clock skew) as today', () => {
    assert.equal(daysSinceCheckIn(device({ lastSyncDateTime: syncedAgo(-60_000) }), NOW), 0);
  });

  it('reads a date-time without an offset as UTC, as Graph means it, whatever the host\'s time zone', () => {
    // Node re-reads TZ when it changes, so a host far from UTC can be simulated in-process.
    const hostZone = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      assert.equal(daysSinceCheckIn(device({ lastSyncDateTime: '2025-06-03T12:00:00' }), NOW), 7);
      assert.equal(daysSinceCheckIn(device({ lastSyncDateTime: '2025-06-03T12:00:01' }), NOW), 6);
    } finally {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    }
  });
});
