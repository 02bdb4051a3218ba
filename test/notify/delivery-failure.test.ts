import assert from 'node:assert/strict';
import { deliveryFailureFrom, parseRetryAfter, type DeliveryFacts, type DeliveryFailureReason } from '../../src/notify/delivery-failure';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const reasonOf = (facts: DeliveryFacts): DeliveryFailureReason => deliveryFailureFrom(facts, NOW).reason;

describe('classifying a failed Teams call', () => {
  it('treats 429 as throttled and keeps Retry-After', () => {
    const failure = deliveryFailureFrom({ status: 429, retryAfter: '12' }, NOW);
    assert.deepEqual([failure.reason, failure.status, failure.retryAfterMs], ['throttled', 429, 12_000]);
  });

  it('retries 412, 500, 502, 503, 504 and 408', () => {
    for (const status of [412, 500, 502, 503, 504, 408]) assert.equal(reasonOf({ status }), 'retryable', `HTTP ${status}`);
  });

  it('retries a call that got no answer at all (connection reset, timeout)', () => {
    assert.equal(reasonOf({ networkCode: 'ECONNRESET' }), 'retryable');
    assert.equal(reasonOf({ networkCode: 'ETIMEDOUT' }), 'retryable');
  });

  it('tells a missing app (BotNotInConversationRoster) from any other 403', () => {
    assert.equal(reasonOf({ status: 403, errorCode: 'BotNotInConversationRoster' }), 'botNotInstalled');
    assert.equal(reasonOf({ status: 403, errorCode: 'ConversationBlockedByUser' }), 'forbidden');
  });

  it('does not retry 404 or a refused request', () => {
    assert.equal(reasonOf({ status: 404 }), 'notFound');
    assert.equal(reasonOf({ status: 400 }), 'permanent');
    assert.equal(reasonOf({ status: 413 }), 'permanent');
  });

  it('keeps the cause and says only reason and status in its message', () => {
    const cause = new Error('raw connector error with https://smba.example/v3?token=secret');
    const failure = deliveryFailureFrom({ status: 502 }, NOW, cause);
    assert.equal(failure.message, 'retryable (HTTP 502)');
    assert.equal(failure.cause, cause);
  });
});

describe('reading Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    assert.equal(parseRetryAfter('3', NOW), 3_000);
    assert.equal(parseRetryAfter('0.5', NOW), 500);
    assert.equal(parseRetryAfter('Sat, 01 Mar 2025 09:00:30 GMT', NOW), 30_000);
  });

  it('ignores a missing or unreadable header, and treats a past date as now', () => {
    assert.equal(parseRetryAfter(undefined, NOW), undefined);
    assert.equal(parseRetryAfter('', NOW), undefined);
    assert.equal(parseRetryAfter('soon', NOW), undefined);
    assert.equal(parseRetryAfter('Sat, 01 Mar 2025 08:00:00 GMT', NOW), 0);
  });
});
