import assert from 'node:assert/strict';
import { deliveryFailureFrom } from '../../src/notify/delivery-failure';
import { failFirst, harness, httpFailure, START, toConversation, type Harness, type Responder } from './support/fakes';

const HOUR = 3_600_000;

describe('delivering through the outbox when Teams pushes back', () => {
  let h: Harness;
  const start = (respond: Responder, maxAttempts?: number): void => {
    h = harness({ respond, worker: maxAttempts === undefined ? {} : { retry: { maxAttempts } } });
  };
  const enqueueHello = () => h.outbox.enqueue({ eventKey: 'request:1:channel-card', operation: { kind: 'send', target: toConversation('19:helpdesk@thread.tacv2') }, payload: { text: 'hello' } });

  afterEach(() => h.store.close());

  it('delivers a message throttled three times exactly once, each retry after Retry-After', async () => {
    start(failFirst(3, 'hello', () => httpFailure(429, { retryAfter: '7' })));
    await enqueueHello();
    await h.worker.drain(HOUR);

    const times = h.delivery.callsOf('hello').map((call) => call.at);
    assert.equal(times.length, 4);
    times.slice(1).forEach((at, i) => assert.ok(at - (times[i] ?? 0) >= 7_000, `retry ${i + 1} came ${at - (times[i] ?? 0)} ms later`));
    assert.deepEqual(await h.outbox.outcome('request:1:channel-card'), {
      state: 'delivered',
      activity: { activityId: 'activity-1', conversationId: '19:helpdesk@thread.tacv2' },
    });
  });

  it('retries 502, 504 and 412 answers and then delivers once', async () => {
    const statuses = [502, 504, 412];
    start((_call, calls) => {
      const status = statuses[calls.length - 1];
      return status === undefined ? undefined : httpFailure(status);
    });
    await enqueueHello();
    const depth = await h.worker.drain(HOUR);
    assert.equal(h.delivery.calls.length, 4);
    assert.deepEqual(depth, { pending: 0, delivered: 1, failed: 0 });
  });

  it('retries when the connection was reset before Teams answered', async () => {
    start(failFirst(1, 'hello', () => deliveryFailureFrom({ networkCode: 'ECONNRESET' }, new Date(START))));
    await enqueueHello();
    await h.worker.drain(HOUR);
    assert.equal((await h.outbox.outcome('request:1:channel-card'))?.state, 'delivered');
    assert.equal(h.delivery.calls.length, 2);
  });

  it('backs off longer after each failed try', async () => {
    start(failFirst(4, 'hello', () => httpFailure(503)));
    await enqueueHello();
    await h.worker.drain(HOUR);
    const times = h.delivery.callsOf('hello').map((call) => call.at);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? 0));
    assert.equal(gaps.length, 4);
    gaps.slice(1).forEach((gap, i) => assert.ok(gap > (gaps[i] ?? 0), `gaps ${gaps.join(', ')} do not grow`));
  });

  for (const [status, reason] of [
    [400, 'permanent'],
    [404, 'notFound'],
    [403, 'forbidden'],
  ] as const) {
    it(`fails a ${status} answer at once as ${reason}, without retrying`, async () => {
      start(() => httpFailure(status));
      await enqueueHello();
      await h.worker.drain(HOUR);
      assert.equal(h.delivery.calls.length, 1);
      assert.deepEqual(await h.outbox.outcome('request:1:channel-card'), { state: 'failed', reason, lastError: `${reason} (HTTP ${status})` });
    });
  }

  it('gives up after the attempt limit when Teams keeps failing, and says so', async () => {
    start(() => httpFailure(503), 5);
    await enqueueHello();
    const depth = await h.worker.drain(24 * HOUR);
    assert.equal(h.delivery.calls.length, 5);
    assert.deepEqual(depth, { pending: 0, delivered: 0, failed: 1 });
    assert.deepEqual(await h.outbox.outcome('request:1:channel-card'), { state: 'failed', reason: 'attemptsExhausted', lastError: 'retryable (HTTP 503)' });
  });

  it('retries an unexpected error like a transient one, keeping only its class name', async () => {
    start(failFirst(1, 'hello', () => new TypeError('cannot read https://smba.example/v3/conversations?token=abc')));
    await enqueueHello();
    await h.worker.drain(HOUR);
    const message = await h.store.outboxMessage('request:1:channel-card');
    assert.equal(message?.state, 'delivered');
    assert.equal(message?.lastError, 'unexpected TypeError');
  });

  it('holds back only the failing conversation, not the others', async () => {
    start(failFirst(2, 'hello', () => httpFailure(502)));
    await enqueueHello();
    await h.outbox.enqueue({ eventKey: 'request:2:manager', operation: { kind: 'send', target: toConversation('a:manager') }, payload: { text: 'other' } });
    await h.worker.drain(HOUR);
    const [other] = h.delivery.callsOf('other');
    const lastHello = h.delivery.callsOf('hello').at(-1);
    assert.ok(other !== undefined && lastHello !== undefined && other.at < lastHello.at);
  });
});
