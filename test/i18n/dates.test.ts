import assert from 'node:assert/strict';
import { daysSince, formatCheckIn, formatDateTime, formatDateTimeFromNow } from '../../src/i18n';

const now = new Date('2026-03-15T10:00:00Z');
// Microsoft Learn, Adaptive Cards "Text features": {{DATE(…)}} / {{TIME(…)}} take a strict RFC 3339
// date-time ("2017-02-14T06:08:00Z"), upper case, no spaces inside the braces; Teams renders them
// in the viewer's own time zone and language.
const CARD_DATE = /^\{\{DATE\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z), SHORT\)\}\} \{\{TIME\((\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)\)\}\}/;

describe('showing a date and time to a person in their own time zone', () => {
  it('writes Adaptive Card DATE() and TIME() with an RFC 3339 timestamp, never "UTC"', () => {
    for (const locale of ['en', 'zh-TW'] as const) {
      const shown = formatDateTime(locale, '2026-03-14T23:30:00.123Z');
      assert.equal(shown, '{{DATE(2026-03-14T23:30:00Z, SHORT)}} {{TIME(2026-03-14T23:30:00Z)}}');
      assert.ok(!shown.includes('UTC'), shown);
    }
  });

  it('drops the milliseconds Graph and toISOString write, which the card functions do not accept', () => {
    assert.match(formatDateTime('en', '2026-03-12T08:15:00.5Z'), CARD_DATE);
  });
});

describe('showing when a device last checked in', () => {
  it('shows the card date with "3 days ago" in English and "3 天前" in Chinese', () => {
    assert.equal(formatCheckIn('en', '2026-03-12T08:15:00Z', now), '{{DATE(2026-03-12T08:15:00Z, SHORT)}} {{TIME(2026-03-12T08:15:00Z)}} (3 days ago)');
    assert.equal(formatCheckIn('zh-TW', '2026-03-12T08:15:00Z', now), '{{DATE(2026-03-12T08:15:00Z, SHORT)}} {{TIME(2026-03-12T08:15:00Z)}}（3 天前）');
  });

  it('counts whole elapsed days, not UTC calendar days the reader may not live in', () => {
    assert.match(formatCheckIn('en', '2026-03-14T23:30:00Z', now), /\(today\)$/);
    assert.match(formatCheckIn('zh-TW', '2026-03-14T09:00:00Z', now), /（昨天）$/);
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
  it('shows the card time with the hours left, in both languages', () => {
    assert.equal(formatDateTimeFromNow('en', '2026-03-16T09:00:00Z', now), '{{DATE(2026-03-16T09:00:00Z, SHORT)}} {{TIME(2026-03-16T09:00:00Z)}} (in 23 hours)');
    assert.equal(formatDateTimeFromNow('zh-TW', '2026-03-16T09:00:00Z', now), '{{DATE(2026-03-16T09:00:00Z, SHORT)}} {{TIME(2026-03-16T09:00:00Z)}}（23 小時後）');
  });

  it('counts minutes within the hour and days beyond two days', () => {
    assert.match(formatDateTimeFromNow('en', '2026-03-15T10:20:00Z', now), /\(in 20 minutes\)$/);
    assert.match(formatDateTimeFromNow('en', '2026-03-18T10:00:00Z', now), /\(in 3 days\)$/);
  });

  it('says how long ago a deadline passed', () => {
    assert.match(formatDateTimeFromNow('en', '2026-03-15T08:00:00Z', now), /\(2 hours ago\)$/);
  });

  it('says "never" when there is no deadline', () => {
    assert.equal(formatDateTimeFromNow('en', '', now), 'never');
  });
});
