import assert from 'node:assert/strict';
import { DeliveryFailure } from '../../src/notify/delivery-failure';
import type { DeliveredActivity } from '../../src/notify/ports';
import { deliveryWorld, storedConversation, type DeliveryWorld } from './support/delivery-world';

/**
 * botframework-connector (through @azure/core-rest-pipeline's default retry policy) retries some
 * answers itself, 3 times, before TeamsDelivery sees a failure: 429 and 503 after Retry-After,
 * 408 and 5xx (not 501/505) and socket errors with exponential backoff from 1 s. These tests pin
 * that down, because the outbox worker retries too and holds a lease meanwhile. The slow cases
 * run at the same time, each in its own conversation, to keep the suite quick.
 */
describe('failures botframework-connector retries before TeamsDelivery sees them', () => {
  let world: DeliveryWorld;
  const outcomes = new Map<string, { result: PromiseSettledResult<DeliveredActivity>; ms: number }>();
  const conversations = ['a:throttled-once', 'a:throttled', 'a:bad-gateway', 'a:dropped', 'a:throttled-no-wait'];

  before(async () => {
    world = await deliveryWorld();
    for (const id of conversations) await world.store.saveConversation(storedConversation(world, id));
    world.connector.failNext({ pathPattern: 'a:throttled-once/', status: 429, retryAfterSeconds: 1, times: 1 });
    world.connector.failNext({ pathPattern: 'a:throttled/', status: 429, retryAfterSeconds: 1, times: 4 });
    world.connector.failNext({ pathPattern: 'a:bad-gateway/', status: 502, times: 4 });
    world.connector.failNext({ pathPattern: 'a:dropped/', drop: true, times: 4 });
    world.connector.failNext({ pathPattern: 'a:throttled-no-wait/', status: 429, times: 1 });
    await Promise.all(
      conversations.map(async (conversationId) => {
        const started = Date.now();
        const [result] = await Promise.allSettled([world.delivery.send({ kind: 'conversation', conversationId }, { text: `to ${conversationId}` })]);
        if (result) outcomes.set(conversationId, { result, ms: Date.now() - started });
      }),
    );
  });
  after(async () => {
    await world.close();
  });

  const tries = (conversationId: string) => world.connector.requests.filter((r) => r.path.includes(`${conversationId}/`)).length;
  const failureOf = (conversationId: string): DeliveryFailure => {
    const outcome = outcomes.get(conversationId)?.result;
    assert.equal(outcome?.status, 'rejected');
    const reason: unknown = outcome.reason;
    assert.ok(reason instanceof DeliveryFailure, `not a DeliveryFailure: ${String(reason)}`);
    return reason;
  };

  it('delivers after one 429 with Retry-After: the connector waited and retried on its own', () => {
    const outcome = outcomes.get('a:throttled-once');
    assert.equal(outcome?.result.status, 'fulfilled');
    assert.equal(tries('a:throttled-once'), 2);
    assert.ok(outcome.ms >= 1000, `waited ${outcome.ms} ms`);
    assert.equal(world.connector.posted('a:throttled-once').length, 1);
  });

  it('fails as throttled with retryAfterMs after four 429s (three retries of its own)', () => {
    const failure = failureOf('a:throttled');
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.status, 429);
    assert.equal(failure.retryAfterMs, 1000);
    assert.equal(tries('a:throttled'), 4);
    assert.ok((outcomes.get('a:throttled')?.ms ?? 0) >= 3000, 'each retry waited Retry-After');
  });

  it('fails as throttled at once when a 429 carries no Retry-After (the connector does not retry it)', () => {
    const failure = failureOf('a:throttled-no-wait');
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.retryAfterMs, undefined);
    assert.equal(tries('a:throttled-no-wait'), 1);
  });

  it('fails as retryable after four 502s', () => {
    const failure = failureOf('a:bad-gateway');
    assert.equal(failure.reason, 'retryable');
    assert.equal(failure.status, 502);
    assert.equal(tries('a:bad-gateway'), 4);
  });

  it('fails as retryable, with no status, after the socket was dropped four times', () => {
    const failure = failureOf('a:dropped');
    assert.equal(failure.reason, 'retryable');
    assert.equal(failure.status, undefined);
    assert.equal(tries('a:dropped'), 4);
    assert.equal(world.connector.posted('a:dropped').length, 0);
  });
});
