import assert from 'node:assert/strict';
import { TEAMS_RATE_LIMITS } from '../../src/notify/rate-limiter';
import { harness, toConversation, type DeliveryCall, type Harness } from './support/fakes';

/** The largest number of calls in any window [t, t + windowMs) that starts at a call. */
function busiestWindow(calls: readonly DeliveryCall[], windowMs: number): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + windowMs).length));
}

describe('pacing proactive messages under Teams limits', () => {
  let h: Harness;

  afterEach(() => h.store.close());

  it('sends 100 messages to one conversation never more than 7 in a second or 60 in 30 seconds', async () => {
    h = harness();
    for (let i = 0; i < 100; i++) {
      await h.outbox.enqueue({ eventKey: `burst:${i}`, operation: { kind: 'send', target: toConversation('a:alice') }, payload: { text: `n${i}` } });
    }
    const depth = await h.worker.drain(3_600_000);

    assert.deepEqual(depth, { pending: 0, delivered: 100, failed: 0 });
    assert.equal(h.delivery.calls.length, 100);
    assert.ok(busiestWindow(h.delivery.calls, 1_000) <= 7, `${busiestWindow(h.delivery.calls, 1_000)} in one second`);
    assert.ok(busiestWindow(h.delivery.calls, 30_000) <= 60, `${busiestWindow(h.delivery.calls, 30_000)} in 30 seconds`);
    assert.deepEqual(
      h.delivery.calls.map((call) => call.payload['text']),
      Array.from({ length: 100 }, (_, i) => `n${i}`),
    );
  });

  it('keeps all conversations together under the overall limit per second', async () => {
    h = harness({ worker: { batchSize: 50, concurrency: 8 } });
    for (let i = 0; i < 300; i++) {
      const target = toConversation(`a:user-${i % 30}`);
      await h.outbox.enqueue({ eventKey: `fanout:${i}`, operation: { kind: 'send', target }, payload: { text: `n${i}` } });
    }
    await h.worker.drain(3_600_000);

    assert.equal(h.delivery.calls.length, 300);
    const overall = TEAMS_RATE_LIMITS.overall[0]?.limit ?? 0;
    assert.ok(busiestWindow(h.delivery.calls, 1_000) <= overall, `${busiestWindow(h.delivery.calls, 1_000)} in one second`);
  });
});
