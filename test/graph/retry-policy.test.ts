import assert from 'node:assert/strict';
import { RequestTimedOut } from '../../src/graph/middleware';
import { retryDelayMs, type AttemptOutcome, type RetryOptions } from '../../src/graph/retry';

const options: RetryOptions = { maxRetries: 3, baseDelayMs: 100, maxWaitMs: 10_000 };
const status = (code: number, retryAfter: string | null = null): AttemptOutcome => ({ kind: 'response', status: code, retryAfter });

describe('when the Graph client retries', () => {
  it('waits as long as Retry-After asks, in seconds or as an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(retryDelayMs('GET', 0, status(429, '2'), options, now), 2000);
    assert.equal(retryDelayMs('GET', 0, status(503, 'Wed, 01 Jan 2025 00:00:05 GMT'), options, now), 5000);
  });

  it('retries a read on 429, 503 and 504 but not on other errors', () => {
    for (const code of [429, 503, 504]) assert.notEqual(retryDelayMs('GET', 0, status(code), options), undefined, String(code));
    for (const code of [400, 401, 403, 404, 500]) assert.equal(retryDelayMs('GET', 0, status(code), options), undefined, String(code));
  });

  it('retries an action only on 429, never on 503 or 504', () => {
    assert.equal(retryDelayMs('POST', 0, status(429, '1'), options), 1000);
    assert.equal(retryDelayMs('POST', 0, status(503, '1'), options), undefined);
    assert.equal(retryDelayMs('POST', 0, status(504), options), undefined);
  });

  it('never repeats an action after a lost connection, but repeats a read', () => {
    const lost: AttemptOutcome = { kind: 'error', error: new TypeError('fetch failed') };
    assert.equal(retryDelayMs('POST', 0, lost, options), undefined);
    assert.notEqual(retryDelayMs('GET', 0, lost, options), undefined);
  });

  it('does not repeat a read that timed out', () => {
    assert.equal(retryDelayMs('GET', 0, { kind: 'error', error: new RequestTimedOut(10) }, options), undefined);
  });

  it('gives up after the configured number of retries', () => {
    assert.notEqual(retryDelayMs('GET', 2, status(503), options), undefined);
    assert.equal(retryDelayMs('GET', 3, status(503), options), undefined);
  });

  it('hands back a 429 whose Retry-After is longer than it is willing to wait', () => {
    assert.equal(retryDelayMs('GET', 0, status(429, '60'), options), undefined);
  });

  it('backs off exponentially when Graph gives no Retry-After', () => {
    const first = retryDelayMs('GET', 0, status(503), options) ?? 0;
    const third = retryDelayMs('GET', 2, status(503), options) ?? 0;
    assert.ok(first >= 100 && first <= 150, String(first));
    assert.ok(third >= 400 && third <= 450, String(third));
  });
});
