import assert from 'node:assert/strict';
import { DeliveryFailure } from '../../src/notify/delivery-failure';
import type { DeliveredActivity } from '../../src/notify/ports';
import { deliveryWorld, storedConversation, type DeliveryWorld } from './support/delivery-world';

/**
 * botframework-connector's clients carry @azure/core-rest-pipeline's default retry policy (3
 * retries of 429/503 after Retry-After, 5xx and socket errors with backoff). The bot takes it out
 * (src/bot/connector-without-retries.ts) so that the outbox alone retries: every failure reaches
 * TeamsDelivery after exactly one request, typed, with Retry-After kept for the outbox to honour.
 */
describe('connector failures reach the outbox at once, after one request', () => {
  let world: DeliveryWorld;
  const outcomes = new Map<string, { result: PromiseSettledResult<DeliveredActivity>; ms: number }>();
  const conversations = ['a:throttled', 'a:bad-gateway', 'a:dropped', 'a:throttled-no-wait'];

  before(async () => {
    world = await deliveryWorld();
    for (const id of conversations) await world.store.saveConversation(storedConversation(world, id));
    world.connector.failNext({ pathPattern: 'a:throttled/', status: 429, retryAfterSeconds: 30, times: 4 });
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

  it('hands a 429 to the outbox with its Retry-After, without waiting it out itself', () => {
    const failure = failureOf('a:throttled');
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.status, 429);
    assert.equal(failure.retryAfterMs, 30_000);
    assert.equal(tries('a:throttled'), 1);
    // Waiting out a 30 s Retry-After would take 30 s; anything shorter, however loaded the machine, did not.
    assert.ok((outcomes.get('a:throttled')?.ms ?? 0) < 30_000, 'no hidden wait');
  });

  it('hands a 429 without Retry-After to the outbox as throttled', () => {
    const failure = failureOf('a:throttled-no-wait');
    assert.equal(failure.reason, 'throttled');
    assert.equal(failure.retryAfterMs, undefined);
    assert.equal(tries('a:throttled-no-wait'), 1);
  });

  it('does not repost after a 502 that Teams may already have posted', () => {
    const failure = failureOf('a:bad-gateway');
    assert.equal(failure.reason, 'retryable');
    assert.equal(failure.status, 502);
    assert.equal(tries('a:bad-gateway'), 1);
  });

  it('reports a dropped socket as retryable, with no status, after one request', () => {
    const failure = failureOf('a:dropped');
    assert.equal(failure.reason, 'retryable');
    assert.equal(failure.status, undefined);
    assert.equal(tries('a:dropped'), 1);
    assert.equal(world.connector.posted('a:dropped').length, 0);
  });
});
