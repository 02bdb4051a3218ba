import assert from 'node:assert/strict';
import { daysSince, formatCheckIn, formatUtc, formatUtcFromNow } from '../../src/i18n';

const now = new Date('2026-03-15T10:00:00Z');

describe('showing when a device last checked in', () => {
  it('shows the UTC date with "3 days ago" in English and "3 天前" in Chinese', () => {
    assert.equal(formatCheckIn('en', '2026-03-12T08:15:00Z', now), '12 Mar 2026, 08:15 UTC (3 days ago)');
    assert.equal(formatCheckIn('zh-TW', '2026-03-12T08:15:00Z', now), '2026/3/12 08:15 UTC（3 天前）');
  });

  it('counts UTC calendar days, so late yesterday is "yesterday", not "today"', () => {
    assert.equal(formatCheckIn('en', '2026-03-14T23:30:00Z', now), '14 Mar 2026, 23:30 UTC (yesterday)');
    assert.equal(formatCheckIn('zh-TW', '2026-03-15T01:00:00Z', now), '2026/3/15 01:00 UTC（今天）');
  });

  it('does not shift the date into the reader\'s (unknown) time zone', () => {
    assert.equal(formatUtc('zh-TW', '2026-03-14T23:30:00Z'), '2026/3/14 23:30 UTC');
  });

  it('says "never" for no date and for Graph\'s year-1 placeholder', () => {
    assert.equal(formatCheckIn('en', '', now), 'never');
    assert.equal(formatCheckIn('zh-TW', '0001-01-01T00:00:00Z', now), '從未');
    assert.equal(daysSince('0001-01-01T00:00:00Z', now), null);
  });

  it('treats a check-in reported in the future (clock skew) as today', () => {
    assert.equal(daysSince('2026-03-16T00:00:00Z', now), 0);
  });
});

describe('showing when an approval expires', () => {
  it('shows the UTC time with the hours left, in both languages', () => {
    assert.equal(formatUtcFromNow('en', '2026-03-16T09:00:00Z', now), '16 Mar 2026, 09:00 UTC (in 23 hours)');
    assert.equal(formatUtcFromNow('zh-TW', '2026-03-16T09:00:00Z', now), '2026/3/16 09:00 UTC（23 小時後）');
  });

  it('counts minutes within the hour and days beyond two days', () => {
    assert.equal(formatUtcFromNow('en', '2026-03-15T10:20:00Z', now), '15 Mar 2026, 10:20 UTC (in 20 minutes)');
    assert.equal(formatUtcFromNow('en', '2026-03-18T10:00:00Z', now), '18 Mar 2026, 10:00 UTC (in 3 days)');
  });

  it('says how long ago a deadline passed', () => {
    assert.equal(formatUtcFromNow('en', '2026-03-15T08:00:00Z', now), '15 Mar 2026, 08:00 UTC (2 hours ago)');
  });

  it('says "never" when there is no deadline', () => {
    assert.equal(formatUtcFromNow('en', '', now), 'never');
  });
});
