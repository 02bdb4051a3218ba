import assert from 'node:assert/strict';
import path from 'node:path';
import { Outbox } from '../../src/notify/outbox';
import type { OutboxEntry } from '../../src/notify/ports';
import { systemTimer } from '../../src/notify/timer';
import { OutboxWorker } from '../../src/notify/worker';
import { openStore, type Store } from '../../src/store';
import { makeTempDir } from '../store/fixtures';
import { FakeTimer, harness, ScriptedDelivery, START, toConversation, type Harness } from './support/fakes';

const HOUR = 3_600_000;
const entry = (n: number, conversationId = 'a:alice'): OutboxEntry => ({
  eventKey: `event:${n}`,
  operation: { kind: 'send', target: toConversation(conversationId) },
  payload: { text: `message ${n}` },
});

describe('the outbox across restarts, workers and shutdown', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let spec: string;
  const open: Harness[] = [];
  const start = (options: Parameters<typeof harness>[0] = {}): Harness => {
    const h = harness({ spec, ...options });
    open.push(h);
    return h;
  };

  beforeEach(() => {
    temp = makeTempDir();
    spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
  });
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.worker.stop();
      h.store.close();
    }
    temp.remove();
  });

  it('delivers after a restart what was still pending when the process stopped', async () => {
    const before = start();
    for (const n of [1, 2, 3]) await before.outbox.enqueue(entry(n));
    before.store.close();
    open.splice(0);

    const after = start({ worker: { owner: 'worker-after-restart' } });
    assert.deepEqual(await after.worker.drain(HOUR), { pending: 0, delivered: 3, failed: 0 });
    assert.deepEqual(
      after.delivery.calls.map((call) => call.payload['text']),
      ['message 1', 'message 2', 'message 3'],
    );
  });

  it('sends again, once its lease expires, a message whose worker died during delivery', async () => {
    const before = start();
    await before.outbox.enqueue(entry(1));
    // The crash: claimed (and perhaps posted), never completed.
    await before.store.claimDueMessages('worker-that-died', new Date(START), 60_000, 10);
    before.store.close();
    open.splice(0);

    const after = start({ worker: { owner: 'worker-after-restart' } });
    await after.worker.drain(HOUR);
    assert.equal(after.delivery.calls.length, 1);
    assert.ok((after.delivery.calls[0]?.at ?? 0) >= START + 60_000);
  });

  it('never sends an event twice, however often it is enqueued', async () => {
    const h = start();
    assert.equal(await h.outbox.enqueue(entry(1)), 'enqueued');
    assert.equal(await h.outbox.enqueue(entry(1)), 'duplicate');
    await h.worker.drain(HOUR);
    assert.equal(await h.outbox.enqueue(entry(1)), 'duplicate');
    await h.worker.drain(HOUR);
    assert.equal(h.delivery.calls.length, 1);
  });

  it('lets two workers on two connections to one file deliver each message exactly once', async () => {
    const timer = new FakeTimer();
    const a = start({ timer, worker: { owner: 'worker-a', batchSize: 3 } });
    const b = start({ timer, worker: { owner: 'worker-b', batchSize: 3 } });
    for (let n = 0; n < 40; n++) await a.outbox.enqueue(entry(n, `a:user-${n % 8}`));
    await Promise.all([a.worker.drain(HOUR), b.worker.drain(HOUR)]);

    const texts = [...a.delivery.calls, ...b.delivery.calls].map((call) => call.payload['text']);
    assert.equal(texts.length, 40);
    assert.equal(new Set(texts).size, 40);
    assert.ok(a.delivery.calls.length > 0 && b.delivery.calls.length > 0, 'both workers took part');
    assert.equal((await b.store.outboxDepth()).delivered, 40);
  });

  it('finishes the message in flight on stop and gives the claimed rest back for the next start', async () => {
    const timer = new FakeTimer();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const h = start({ timer, worker: { concurrency: 1 } });
    const send = h.delivery.send.bind(h.delivery);
    let inFlight = 0;
    h.delivery.send = async (target, payload) => {
      inFlight++;
      await gate;
      return send(target, payload);
    };
    for (const n of [1, 2, 3]) await h.outbox.enqueue(entry(n, `a:user-${n}`));
    h.worker.start();
    while (inFlight === 0) await new Promise((resolve) => setImmediate(resolve));
    const stopped = h.worker.stop();
    release();
    await stopped;

    assert.equal(h.delivery.calls.length, 1);
    assert.equal((await h.store.outboxMessage('event:1'))?.state, 'delivered');
    for (const key of ['event:2', 'event:3']) {
      const message = await h.store.outboxMessage(key);
      assert.deepEqual([message?.state, message?.leaseOwner, message?.attempts], ['pending', null, 0]);
    }
  });

  it('delivers right after enqueue when kicked, without waiting for the next poll', async () => {
    const store: Store = openStore(spec);
    const delivery = new ScriptedDelivery(systemTimer);
    // A poll ten minutes away: a delivery within the generous bound below can only come from the kick.
    const worker = new OutboxWorker({ store, delivery, timer: systemTimer }, { pollMs: 600_000 });
    const outbox = new Outbox(store, systemTimer, () => worker.kick());
    try {
      worker.start();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const enqueuedAt = Date.now();
      await outbox.enqueue(entry(1));
      while (delivery.calls.length === 0 && Date.now() - enqueuedAt < 30_000) await new Promise((resolve) => setTimeout(resolve, 5));
      assert.equal(delivery.calls.length, 1);
      assert.ok(Date.now() - enqueuedAt < 30_000);
    } finally {
      await worker.stop();
      store.close();
    }
  });
});
