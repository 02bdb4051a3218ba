// Building PartitionKey / RowKey values. Table Storage keys may not contain / \ # ? or control
// characters, and the ids we key by (Teams conversation ids, Graph ids, event keys) are not ours
// to constrain, so every caller-supplied part is escaped into a small safe alphabet. The escape
// is injective ("~" itself is escaped) and never produces "|", which joins the parts of a key.
import { randomBytes } from 'node:crypto';

const UNSAFE = /[^A-Za-z0-9_.:@-]/gu;

export function keyPart(value: string): string {
  return value.replace(UNSAFE, (ch) => [...Buffer.from(ch, 'utf8')].map((byte) => `~${byte.toString(16).padStart(2, '0')}`).join(''));
}

/** Joins escaped parts; a fixed word such as "state" may be passed as its own part. */
export function joinKey(...parts: string[]): string {
  return parts.map(keyPart).join('|');
}

/** Every key that starts with `prefix + "|"`: "}" is the character right after "|". */
export function prefixRange(prefix: string): { from: string; to: string } {
  return { from: `${prefix}|`, to: `${prefix}}` };
}

const WIDTH = 15;
const MAX_MS = 10 ** WIDTH - 1;

/**
 * Epoch milliseconds as fixed-width text, so that key order and string comparisons in a filter
 * follow time. (A numeric property would be stored as Int32 or Double depending on its size, and
 * Table Storage compares values of different types as "not equal".) Before 1970 is a bug here.
 */
export function sortableMs(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > MAX_MS) throw new RangeError(`cannot key the time ${ms}`);
  return String(ms).padStart(WIDTH, '0');
}

/** Sorts newest first: for "the newest X" read from the front of a partition. */
export function newestFirstMs(ms: number): string {
  return sortableMs(MAX_MS - ms);
}

const INSTANCE = randomBytes(4).toString('hex');
let last = { ms: 0, n: 0 };

/**
 * A key that sorts in call order within this process (wall-clock milliseconds, then a counter
 * when the clock stands still or steps back) and between processes by their wall clocks. The
 * random instance suffix keeps two processes from ever making the same key.
 */
export function appendOrderKey(now: number = Date.now()): string {
  last = now > last.ms ? { ms: now, n: 0 } : { ms: last.ms, n: last.n + 1 };
  return `${sortableMs(last.ms)}-${String(last.n).padStart(6, '0')}-${INSTANCE}`;
}
