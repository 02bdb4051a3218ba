/**
 * Epoch milliseconds of an ISO-8601 timestamp, for ordering and "since" comparisons: the text of
 * two timestamps only sorts like their instants when both were formatted identically.
 * A timestamp that cannot be ordered is a caller's bug, so it throws rather than storing NaN.
 */
export function epochMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO-8601 timestamp: "${iso}"`);
  return ms;
}
