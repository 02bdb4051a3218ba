// Dates for people, in *their* time zone. A card is often read by someone other than the person
// whose activity produced it (the helpdesk channel, a manager), so the bot cannot pick one zone:
// it writes Adaptive Card DATE()/TIME() functions, which Teams renders in each viewer's own zone
// and language (Microsoft Learn, Adaptive Cards "Text features": strict RFC 3339, upper case, no
// spaces inside the braces). Only cards may carry these; fallbackText and plain messages must not.
import { t } from './messages';
import type { Locale } from './locale';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

// For the relative part ("3 days ago" / "3 天前"), the one piece of a date the bot words itself.
const INTL_LOCALE: Record<Locale, string> = { en: 'en-GB', 'zh-TW': 'zh-TW' };

/** A parsed instant, or undefined for "" and Graph's "0001-01-01T00:00:00Z" (never). */
export function parseInstant(iso: string): Date | undefined {
  if (!iso) return undefined;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) || date.getUTCFullYear() < 2000 ? undefined : date;
}

/**
 * Whole 24-hour days from `iso` to `now`; null when never; 0 when in the future (clock skew).
 * Elapsed time, not calendar days: the date beside it is rendered in the reader's zone, whose
 * calendar the bot does not know.
 */
export function daysSince(iso: string, now: Date): number | null {
  const then = parseInstant(iso);
  if (!then) return null;
  return Math.max(0, Math.floor((now.getTime() - then.getTime()) / DAY_MS));
}

/**
 * "{{DATE(2026-03-12T08:15:00Z, SHORT)}} {{TIME(2026-03-12T08:15:00Z)}}": Teams shows the
 * reader's local date and time ("Thu, Mar 12, 2026 4:15 PM" in Taipei); "never" / "從未" when
 * there is no date. Card text only.
 */
export function formatDateTime(locale: Locale, iso: string): string {
  const date = parseInstant(iso);
  return date ? cardDateTime(date) : t(locale, 'date.never');
}

/** The RFC 3339 form the card functions accept: whole seconds, "Z" (toISOString's milliseconds are not). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function cardDateTime(date: Date): string {
  const stamp = rfc3339(date);
  return `{{DATE(${stamp}, SHORT)}} {{TIME(${stamp})}}`;
}

/** Last check-in with relative days: "{{DATE(…)}} {{TIME(…)}} (3 days ago)" / "…（3 天前）". */
export function formatCheckIn(locale: Locale, iso: string, now: Date): string {
  return formatCheckInDays(locale, iso, daysSince(iso, now));
}

/** As formatCheckIn, for callers that already know the day count (null: show the date only). */
export function formatCheckInDays(locale: Locale, iso: string, days: number | null): string {
  const date = parseInstant(iso);
  if (!date) return t(locale, 'date.never');
  if (days === null) return cardDateTime(date);
  return t(locale, 'date.withRelative', { date: cardDateTime(date), relative: relativeDays(locale, days) });
}

/**
 * A moment with how far it is from `now`: "{{DATE(…)}} {{TIME(…)}} (in 24 hours)" / "…（24 小時後）".
 * For deadlines such as an approval's expiry, where hours matter; "never" when there is no date.
 */
export function formatDateTimeFromNow(locale: Locale, iso: string, now: Date): string {
  const date = parseInstant(iso);
  if (!date) return t(locale, 'date.never');
  return t(locale, 'date.withRelative', { date: cardDateTime(date), relative: relativeTime(locale, date, now) });
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

function relativeFormat(locale: Locale): Intl.RelativeTimeFormat {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(INTL_LOCALE[locale], { numeric: 'auto' })));
  return format;
}
