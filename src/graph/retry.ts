// Retries that are safe for Intune. The SDK's RetryHandler retries every method on 429/503/504;
// resetPasscode is not idempotent, and a 503/504 may come back after Intune already queued the action,
// so an action is retried only on 429 (Graph refused it before doing anything).
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '@microsoft/microsoft-graph-client';
import { ChainedMiddleware, RequestTimedOut, methodOf } from './middleware';

export interface RetryOptions {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff when Graph gives no Retry-After; doubles each retry. */
  baseDelayMs: number;
  /** A longer Retry-After is not waited for: the caller gets the 429 (as `throttled`) instead. */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelayMs: 500, maxWaitMs: 30_000 };

export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null }
  | { kind: 'error'; error: unknown };

const READ_METHODS = new Set(['GET', 'HEAD']);
const READ_RETRY_STATUSES = new Set([429, 503, 504]);

/** How long to wait before the next attempt, or undefined to stop and hand back the outcome. */
export function retryDelayMs(
  method: string,
  retriesDone: number,
  outcome: AttemptOutcome,
  options: RetryOptions,
  now: number = Date.now(),
): number | undefined {
  if (retriesDone >= options.maxRetries || !worthRetrying(method, outcome)) return undefined;
  const requested = outcome.kind === 'response' ? parseRetryAfterMs(outcome.retryAfter, now) : undefined;
  const delay = requested ?? backoffMs(retriesDone, options.baseDelayMs);
  return delay <= options.maxWaitMs ? delay : undefined;
}

function worthRetrying(method: string, outcome: AttemptOutcome): boolean {
  const isRead = READ_METHODS.has(method);
  if (outcome.kind === 'response') {
    return outcome.status === 429 || (isRead && READ_RETRY_STATUSES.has(outcome.status));
  }
  // A read that lost its connection is safe to repeat; one that timed out already used its time budget.
  return isRead && !(outcome.error instanceof RequestTimedOut);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoffMs(retriesDone: number, baseDelayMs: number): number {
  const exponential = baseDelayMs * 2 ** retriesDone;
  return Math.round(exponential + Math.random() * baseDelayMs * 0.5);
}

export class RetryMiddleware extends ChainedMiddleware {
  constructor(private readonly options: RetryOptions) {
    super();
  }

  override async execute(context: Context): Promise<void> {
    const method = methodOf(context);
    for (let retriesDone = 0; ; retriesDone += 1) {
      const outcome = await this.attempt(context);
      const delayMs = retryDelayMs(method, retriesDone, outcome, this.options);
      if (delayMs === undefined) {
        if (outcome.kind === 'error') throw outcome.error;
        return;
      }
      await sleep(delayMs);
    }
  }

  private async attempt(context: Context): Promise<AttemptOutcome> {
    try {
      await this.next(context);
    } catch (error: unknown) {
      return { kind: 'error', error };
    }
    if (!context.response) return { kind: 'error', error: new Error('the middleware chain produced no response') };
    return { kind: 'response', status: context.response.status, retryAfter: context.response.headers.get('Retry-After') };
  }
}
