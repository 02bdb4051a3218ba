/**
 * How a failed Teams call is classified — the one place that maps HTTP statuses and socket errors
 * to what the outbox worker does next. src/bot extracts the facts from botbuilder's errors and
 * calls `deliveryFailureFrom`; nothing downstream reads an error message.
 */
export type DeliveryFailureReason =
  /** 429: wait at least Retry-After, then try again. */
  | 'throttled'
  /** 412/5xx/timeouts/connection resets: try again with backoff. */
  | 'retryable'
  /** 403 BotNotInConversationRoster: the app is not installed for that user or team. */
  | 'botNotInstalled'
  /** 404: the conversation or the activity is gone. */
  | 'notFound'
  /** 403 for another reason (blocked, tenant policy). */
  | 'forbidden'
  /** Any other refusal of the request itself (400, 413, …): retrying cannot help. */
  | 'permanent';

export class DeliveryFailure extends Error {
  override readonly name = 'DeliveryFailure';
  readonly status: number | undefined;
  /** From Retry-After, when Teams sent one. */
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly reason: DeliveryFailureReason,
    details: { status?: number; retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(details.status === undefined ? reason : `${reason} (HTTP ${details.status})`, { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** What src/bot can read off a failed connector call, without interpreting any of it. */
export interface DeliveryFacts {
  /** The HTTP status, when an answer came back. */
  status?: number;
  /** The error code from the answer's body, e.g. "BotNotInConversationRoster". */
  errorCode?: string;
  /** The socket error code when no answer came, e.g. "ECONNRESET". */
  networkCode?: string;
  /** The Retry-After header as sent (seconds or an HTTP date). */
  retryAfter?: string | null;
}

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 412, 500, 502, 503, 504]);

export function deliveryFailureFrom(facts: DeliveryFacts, now: Date, cause?: unknown): DeliveryFailure {
  const { status } = facts;
  const retryAfterMs = parseRetryAfter(facts.retryAfter, now);
  if (status === undefined) {
    // No answer at all (reset, refused, DNS, timeout): the network, not the request, failed.
    return new DeliveryFailure('retryable', { cause });
  }
  return new DeliveryFailure(reasonOfStatus(status, facts.errorCode), { status, retryAfterMs, cause });
}

function reasonOfStatus(status: number, errorCode: string | undefined): DeliveryFailureReason {
  if (status === 429) return 'throttled';
  if (RETRYABLE_STATUSES.has(status)) return 'retryable';
  if (status === 403) return errorCode === 'BotNotInConversationRoster' ? 'botNotInstalled' : 'forbidden';
  if (status === 404) return 'notFound';
  // 401: the connector rejected our token, usually a stale one; a wrong app id fails after the
  // attempt limit instead of losing messages during a token hiccup.
  if (status === 401) return 'retryable';
  return status >= 500 ? 'retryable' : 'permanent';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(header: string | null | undefined, now: Date): number | undefined {
  const value = header?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export function asDeliveryFailure(error: unknown): DeliveryFailure | undefined {
  return error instanceof DeliveryFailure ? error : undefined;
}
