// A passcode action waits for the device's next check-in; warn when that may be far away.
import type { ManagedDevice } from './device';

const DAY_MS = 24 * 60 * 60 * 1000;
export const STALE_AFTER_DAYS = 7;

/**
 * Whole days since the last check-in (rounded down; a check-in "in the future" through clock skew
 * counts as 0), or null when Intune never saw one or the value cannot be read.
 */
export function daysSinceCheckIn(device: ManagedDevice, now: Date): number | null {
  const lastSync = parseGraphDateTime(device.lastSyncDateTime);
  if (lastSync === null) return null;
  return Math.max(0, Math.floor((now.getTime() - lastSync) / DAY_MS));
}

/** A device that never checked in (or whose date is unreadable) is treated as stale. */
export function isStale(device: ManagedDevice, now: Date): boolean {
  const days = daysSinceCheckIn(device, now);
  return days === null || days >= STALE_AFTER_DAYS;
}

/**
 * Epoch milliseconds of a Graph DateTimeOffset, or null. Only ISO dates are accepted because
 * `Date.parse` guesses at anything else ("1" becomes 2001). Graph writes "never" as
 * 0001-01-01T00:00:00Z; that is no check-in, not one 2,000 years ago. A value without an offset
 * is read as UTC (Graph's convention) so the answer does not depend on the host's time zone.
 */
function parseGraphDateTime(value: string | null | undefined): number | null {
  const text = (value ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const zoned = text.includes('T') && !hasZone ? `${text}Z` : text;
  const millis = Date.parse(zoned);
  if (Number.isNaN(millis) || new Date(millis).getUTCFullYear() <= 1) return null;
  return millis;
}
