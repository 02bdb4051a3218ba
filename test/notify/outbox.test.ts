import assert from 'node:assert/strict';
import { Outbox } from '../../src/notify/outbox';
import { openStore, type Store } from '../../src/store';
import { FakeTimer, toConversation } from './support/fakes';

describe('enqueueing a proactive message', () => {
  let store: Store;
  let kicks: number;
  let outbox: Outbox;

  beforeEach(() => {
    store = openStore('sqlite::memory:');
    kicks = 0;
    outbox = new Outbox(store, new FakeTimer(), () => kicks++);
  });
  afterEach(() => store.close());

  const card = { eventKey: 'request:1:channel-card', operation: { kind: 'newThread' as const, channelId: '19:helpdesk@thread.tacv2' }, payload: { text: 'approve?' } };

  it('wakes the worker for a new event only, not for a duplicate', async () => {
    assert.equal(await outbox.enqueue(card), 'enqueued');
    assert.equal(await outbox.enqueue(card), 'duplicate');
    assert.equal(kicks, 1);
  });

  it('answers pending for an event not delivered yet, and nothing for an unknown one', async () => {
    await outbox.enqueue(card);
    assert.deepEqual(await outbox.outcome(card.eventKey), { state: 'pending', attempts: 0, lastError: null });
    assert.equal(await outbox.delivered(card.eventKey), undefined);
    assert.equal(await outbox.outcome('request:2:channel-card'), undefined);
  });

  it('puts an update in the lane of the card it updates, so it cannot overtake it', async () => {
    await outbox.enqueue(card);
    await outbox.enqueue({ eventKey: 'request:1:channel-card:v3', operation: { kind: 'update', activityOf: card.eventKey }, payload: { text: 'approved' } });
    const [original, update] = await Promise.all([store.outboxMessage(card.eventKey), store.outboxMessage('request:1:channel-card:v3')]);
    assert.equal(update?.lane, original?.lane);
  });

  it('refuses an update of itself, which could never be delivered', async () => {
    await assert.rejects(outbox.enqueue({ eventKey: 'loop', operation: { kind: 'update', activityOf: 'loop' }, payload: {} }), RangeError);
  });

  it('refuses an empty event key', async () => {
    await assert.rejects(outbox.enqueue({ eventKey: ' ', operation: { kind: 'send', target: toConversation('a:alice') }, payload: {} }), RangeError);
  });
});
