// Dates for people. Always UTC and labelled so: the bot does not know the reader's time zone,
// and a wrong local time would be worse than an honest UTC one.
import { t } from './messages';
import type { Locale } from './locale';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// en-GB gives "12 Mar 2026, 08:15": month in words, no 12/03 vs 03/12 ambiguity for a global audience.
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', 'zh-TW': 'zh-TW' };

/** A parsed instant, or undefined for "" and Graph's "0001-01-01T00:00:00Z" (never). */
export function parseInstant(iso: string): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 ? undefined : date;
}

/**
 * UTC calendar days from `iso` to `now`; null when never. Calendar days, not 24-hour spans, so
 * the "yesterday" beside a date agrees with the UTC date shown. 0 when in the future (clock skew).
 */
export function daysSince(iso: string, now: Date): number | null {
  const then = parseInstant(iso);
  if (!then) return null;
  return Math.max(0, Math.round((utcMidnight(now) - utcMidnight(then)) / DAY_MS));
}

function utcMidnight(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

/** "12 Mar 2026, 08:15 UTC" / "2026/3/12 08:15 UTC"; "never" / "從未" when there is no date. */
export function formatUtc(locale: Locale, iso: string): string {
  const date = parseInstant(iso);
  return date ? t(locale, 'date.utc', { date: dateTime(locale, date) }) : t(locale, 'date.never');
}

/** Last check-in with relative days: "12 Mar 2026, 08:15 UTC (3 days ago)" / "…（3 天前）". */
export function formatCheckIn(locale: Locale, iso: string, now: Date): string {
  return formatCheckInDays(locale, iso, daysSince(iso, now));
}

/** As formatCheckIn, for callers that already know the day count (null: show the date only). */
export function formatCheckInDays(locale: Locale, iso: string, days: number | null): string {
  const date = parseInstant(iso);
  if (!date) return t(locale, 'date.never');
  if (days === null) return formatUtc(locale, iso);
  return t(locale, 'date.withRelative', { date: dateTime(locale, date), relative: relativeDays(locale, days) });
}

/**
 * A moment with how far it is from `now`: "16 Mar 2026, 10:00 UTC (in 24 hours)" / "…（24 小時後）".
 * For deadlines such as an approval's expiry, where hours matter; "never" when there is no date.
 */
export function formatUtcFromNow(locale: Locale, iso: string, now: Date): string {
  const date = parseInstant(iso);
  if (!date) return t(locale, 'date.never');
  return t(locale, 'date.withRelative', { date: dateTime(locale, date), relative: relativeTime(locale, date, now) });
}

// Minutes within the hour, hours within two days, days beyond: precise where it matters.
function relativeTime(locale: Locale, date: Date, now: Date): string {
  const minutes = Math.round((date.getTime() - now.getTime()) / MINUTE_MS);
  const format = relativeFormat(locale);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** "today", "yesterday", "3 days ago" / 「今天」「昨天」「3 天前」. */
export function relativeDays(locale: Locale, days: number): string {
  return relativeFormat(locale).format(-days, 'day');
}

// Building an Intl formatter costs ~100× using one (ICU loads the locale's data): one per locale.
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const dateTimeFormats = new Map<Locale, Intl.DateTimeFormat>();

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto' })));
  return format;
}

function dateTimeFormat(locale: Locale): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
      timeZone: 'UTC',
      year: 'numeric',
      month: locale === 'en' ? 'short' : 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(locale, format);
  }
  return format;
}

function dateTime(locale: Locale, date: Date): string {
  return dateTimeFormat(locale)
    .format(date)
    // ICU versions differ in using thin or no-break spaces here; plain spaces read the same and
    // keep the text identical across Node versions.
    .replace(/[\u00A0\u2009\u202F]/g, ' ');
}
