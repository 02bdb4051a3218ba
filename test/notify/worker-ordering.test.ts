import assert from 'node:assert/strict';
import { failFirst, harness, httpFailure, toConversation, type Harness, type Responder } from './support/fakes';

const HOUR = 3_600_000;
const CHANNEL = '19:helpdesk@thread.tacv2';

describe('keeping proactive messages in order', () => {
  let h: Harness;
  const start = (respond?: Responder): void => {
    h = harness({ respond });
  };
  const send = (eventKey: string, conversationId: string, text: string) =>
    h.outbox.enqueue({ eventKey, operation: { kind: 'send', target: toConversation(conversationId) }, payload: { text } });
  const update = (eventKey: string, activityOf: string, text: string) =>
    h.outbox.enqueue({ eventKey, operation: { kind: 'update', activityOf }, payload: { text } });

  afterEach(() => h.store.close());

  it('lets an update wait for its send and then replace the activity the send created', async () => {
    start(failFirst(2, 'card: waiting', () => httpFailure(502)));
    await send('request:1:card', 'a:alice', 'card: waiting');
    await update('request:1:card:approved', 'request:1:card', 'card: approved');
    await h.worker.drain(HOUR);

    assert.deepEqual(
      h.delivery.calls.map((call) => [call.op, call.payload['text']]),
      [
        ['send', 'card: waiting'],
        ['send', 'card: waiting'],
        ['send', 'card: waiting'],
        ['update', 'card: approved'],
      ],
    );
    const sent = await h.outbox.delivered('request:1:card');
    assert.equal(h.delivery.calls[3]?.activityId, sent?.activityId);
    assert.equal(h.delivery.calls[3]?.conversationId, sent?.conversationId);
  });

  it("updates a new channel thread's root card in the thread it created", async () => {
    start();
    await h.outbox.enqueue({ eventKey: 'request:1:channel-card', operation: { kind: 'newThread', channelId: CHANNEL }, payload: { text: 'approve?' } });
    await update('request:1:channel-card:approved', 'request:1:channel-card', 'approved by Bob');
    await h.worker.drain(HOUR);
    const [thread, updated] = h.delivery.calls;
    assert.equal(thread?.conversationId, `${CHANNEL};messageid=activity-1`);
    assert.equal(updated?.conversationId, thread?.conversationId);
    assert.equal(updated?.activityId, 'activity-1');
  });

  it('holds an update enqueued before its send until the send is delivered', async () => {
    start();
    await update('request:1:card:approved', 'request:1:card', 'card: approved');
    await send('request:1:card', 'a:alice', 'card: waiting');
    await h.worker.drain(HOUR);
    assert.deepEqual(
      h.delivery.calls.map((call) => call.op),
      ['send', 'update'],
    );
    assert.equal((await h.outbox.outcome('request:1:card:approved'))?.state, 'delivered');
  });

  it('fails an update whose send failed, without calling Teams for it', async () => {
    start((call) => (call.op === 'send' ? httpFailure(404) : undefined));
    await send('request:1:card', 'a:alice', 'card: waiting');
    await update('request:1:card:approved', 'request:1:card', 'card: approved');
    await h.worker.drain(HOUR);
    assert.equal(h.delivery.calls.length, 1);
    assert.deepEqual(await h.outbox.outcome('request:1:card:approved'), {
      state: 'failed',
      reason: 'originalNotDelivered',
      lastError: 'original notFound',
    });
  });

  it('replaces a card that was sent outside the outbox by its ids', async () => {
    start();
    await h.outbox.enqueue({
      eventKey: 'request:1:hide-passcode',
      operation: { kind: 'updateActivity', conversationId: 'a:alice', activityId: 'reply-7' },
      payload: { text: 'passcode hidden' },
    });
    await h.worker.drain(HOUR);
    assert.deepEqual(
      h.delivery.calls.map((call) => [call.op, call.conversationId, call.activityId]),
      [['update', 'a:alice', 'reply-7']],
    );
  });

  it('delivers messages to one conversation in enqueue order even when the first is retried', async () => {
    start(failFirst(2, 'first', () => httpFailure(429, { retryAfter: '3' })));
    await send('e1', 'a:alice', 'first');
    await send('e2', 'a:alice', 'second');
    await send('e3', 'a:alice', 'third');
    await h.worker.drain(HOUR);
    const delivered = h.delivery.calls.filter((call) => call.delivered);
    assert.deepEqual(
      delivered.map((call) => call.payload['text']),
      ['first', 'second', 'third'],
    );
  });
});
