import assert from 'node:assert/strict';
import type { NewOutboxMessage } from '../../../src/notify/ports';
import type { Store } from '../../../src/store';
import { sampleOutboxMessage } from '../fixtures';
import { forEachStore } from './stores';

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (ms: number): Date => new Date(T0 + ms);
const MINUTE = 60_000;

const message = sampleOutboxMessage;

describe('the outbox contract', () => {
  forEachStore((_name, open) => {
    let store: Store;
    const claimKeys = async (owner: string, now: Date, limit = 10, from: Store = store) =>
      (await from.claimDueMessages(owner, now, MINUTE, limit)).map((m) => m.eventKey);
    beforeEach(() => {
      store = open();
    });

    describe('enqueueing', () => {
      it('stores an event enqueued twice only once, keeping the first', async () => {
        assert.equal(await store.enqueueMessage(message(1)), 'enqueued');
        assert.equal(await store.enqueueMessage(message(1, { id: 'id-other', payload: { text: 'second' } })), 'duplicate');
        assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 0, failed: 0 });
        assert.equal((await store.outboxMessage('request:1:channel-card'))?.id, 'id-1');
      });

      it('stores an event once when two instances enqueue it at the same moment', async () => {
        const outcomes = await Promise.all([store.enqueueMessage(message(1)), open().enqueueMessage(message(1, { id: 'id-twin' }))]);
        assert.deepEqual([...outcomes].sort(), ['duplicate', 'enqueued']);
        assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 0, failed: 0 });
      });

      it('stores an event once even after it was delivered', async () => {
        await store.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0));
        await store.completeMessage('id-1', 'worker-a', { activityId: 'x', conversationId: 'a:user-1' });
        assert.equal(await store.enqueueMessage(message(1, { id: 'id-again' })), 'duplicate');
        assert.deepEqual(await claimKeys('worker-a', at(MINUTE)), []);
      });

      it('gives a message back exactly as enqueued, pending and due at once', async () => {
        const enqueued = message(1, { operation: { kind: 'update', activityOf: 'request:0:channel-card' } });
        await store.enqueueMessage(enqueued);
        assert.deepEqual(await store.outboxMessage(enqueued.eventKey), {
          ...enqueued,
          state: 'pending',
          attempts: 0,
          nextAttemptAt: enqueued.createdAt,
          leaseOwner: null,
          leaseUntil: null,
          appInstallAttempted: false,
          deliveredActivityId: null,
          deliveredConversationId: null,
          failureReason: null,
          lastError: null,
        });
      });

      it('refuses a malformed operation or an empty event key before storing it', async () => {
        const bad = { ...message(1), operation: { kind: 'send', target: { kind: 'conversation' } } } as unknown as NewOutboxMessage;
        await assert.rejects(store.enqueueMessage(bad));
        await assert.rejects(store.enqueueMessage(message(2, { eventKey: ' ' })));
        assert.deepEqual(await store.outboxDepth(), { pending: 0, delivered: 0, failed: 0 });
      });

      it('refuses an id already used by another event', async () => {
        await store.enqueueMessage(message(1));
        await assert.rejects(store.enqueueMessage(message(2, { id: 'id-1' })));
        assert.equal(await store.outboxMessage('request:2:channel-card'), undefined);
      });

      it('answers undefined for an event never enqueued', async () => {
        assert.equal(await store.outboxMessage('request:404:channel-card'), undefined);
      });
    });

    describe('leases', () => {
      it('leases a claimed message to its claimer and to nobody else until the lease expires', async () => {
        await store.enqueueMessage(message(1));
        const [claimed] = await store.claimDueMessages('worker-a', at(0), MINUTE, 10);
        assert.deepEqual([claimed?.leaseOwner, claimed?.leaseUntil], ['worker-a', at(MINUTE).toISOString()]);
        assert.deepEqual(await claimKeys('worker-b', at(MINUTE - 1), 10, open()), []);
        assert.deepEqual(await claimKeys('worker-b', at(MINUTE), 10, open()), ['request:1:channel-card']);
      });

      it("refuses the first owner's write once another instance took over its expired lease", async () => {
        const crashed = store;
        const survivor = open();
        await crashed.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0), 10, crashed);
        await claimKeys('worker-b', at(2 * MINUTE), 10, survivor);
        assert.equal(await crashed.completeMessage('id-1', 'worker-a', { activityId: 'x', conversationId: 'a:user-1' }), 'leaseLost');
        assert.equal(await survivor.completeMessage('id-1', 'worker-b', { activityId: 'y', conversationId: 'a:user-1' }), 'recorded');
        assert.equal((await crashed.outboxMessage('request:1:channel-card'))?.deliveredActivityId, 'y');
      });

      it('still lets an owner record its expired lease when nobody else took the message', async () => {
        await store.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0));
        assert.equal(await store.failMessage('id-1', 'worker-a', { reason: 'notFound', lastError: 'notFound (HTTP 404)' }), 'recorded');
        assert.equal((await store.outboxMessage('request:1:channel-card'))?.failureReason, 'notFound');
      });

      it('refuses writes from an owner that never held the lease, and writes to unknown or finished messages', async () => {
        await store.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0));
        assert.equal(await store.rescheduleMessage('id-1', 'worker-b', { nextAttemptAt: at(1_000), lastError: 'x' }), 'leaseLost');
        assert.equal(await store.releaseMessage('id-1', 'worker-b', at(0)), 'leaseLost');
        assert.equal(await store.failMessage('id-1', 'worker-b', { reason: 'permanent', lastError: 'x' }), 'leaseLost');
        assert.equal(await store.completeMessage('id-404', 'worker-a', { activityId: 'x', conversationId: 'c' }), 'leaseLost');
        await store.completeMessage('id-1', 'worker-a', { activityId: 'x', conversationId: 'a:user-1' });
        assert.equal(await store.failMessage('id-1', 'worker-a', { reason: 'permanent', lastError: 'x' }), 'leaseLost');
        assert.equal((await store.outboxMessage('request:1:channel-card'))?.state, 'delivered');
      });

      it('records where a delivered message landed and frees its lease', async () => {
        await store.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0));
        await store.completeMessage('id-1', 'worker-a', { activityId: '1700000000000', conversationId: '19:c@thread.tacv2;messageid=1700000000000' });
        const delivered = await store.outboxMessage('request:1:channel-card');
        assert.deepEqual(
          [delivered?.state, delivered?.attempts, delivered?.deliveredActivityId, delivered?.deliveredConversationId, delivered?.leaseOwner],
          ['delivered', 1, '1700000000000', '19:c@thread.tacv2;messageid=1700000000000', null],
        );
        assert.deepEqual(await claimKeys('worker-b', at(2 * MINUTE)), []);
      });

      it('counts a try on reschedule but not when a message is given back untried', async () => {
        await store.enqueueMessage(message(1));
        await claimKeys('worker-a', at(0));
        await store.rescheduleMessage('id-1', 'worker-a', { nextAttemptAt: at(5_000), lastError: 'throttled (HTTP 429)', appInstallAttempted: true });
        assert.deepEqual(await claimKeys('worker-a', at(4_999)), []);
        await claimKeys('worker-a', at(5_000));
        await store.releaseMessage('id-1', 'worker-a', at(9_000));
        const stored = await store.outboxMessage('request:1:channel-card');
        assert.deepEqual(
          [stored?.attempts, stored?.lastError, stored?.appInstallAttempted, stored?.nextAttemptAt, stored?.leaseOwner],
          [1, 'throttled (HTTP 429)', true, at(9_000).toISOString(), null],
        );
      });

      it('hands each message to exactly one of four instances claiming at once', async function () {
        this.timeout(60_000);
        const keys = Array.from({ length: 24 }, (_, n) => message(n).eventKey);
        for (const n of keys.keys()) await store.enqueueMessage(message(n));
        const instances = Array.from({ length: 4 }, () => open());
        const claimAll = async (instance: Store, owner: string): Promise<string[]> => {
          const mine: string[] = [];
          for (let batch = await claimKeys(owner, at(0), 3, instance); batch.length > 0; batch = await claimKeys(owner, at(0), 3, instance)) mine.push(...batch);
          return mine;
        };
        const claimed = (await Promise.all(instances.map((instance, i) => claimAll(instance, `worker-${i}`)))).flat();
        assert.deepEqual([...claimed].sort(), [...keys].sort());
      });
    });

    describe('order', () => {
      it("claims only the oldest pending message of a conversation's lane, while other lanes go ahead", async () => {
        await store.enqueueMessage(message(1, { lane: 'conversation:a:alice' }));
        await store.enqueueMessage(message(2, { lane: 'conversation:a:alice' }));
        await store.enqueueMessage(message(3, { lane: 'conversation:a:bob' }));
        assert.deepEqual(await claimKeys('worker-a', at(0)), ['request:1:channel-card', 'request:3:channel-card']);
        assert.deepEqual(await claimKeys('worker-b', at(0)), []);
        await store.failMessage('id-1', 'worker-a', { reason: 'notFound', lastError: 'notFound (HTTP 404)' });
        assert.deepEqual(await claimKeys('worker-b', at(0)), ['request:2:channel-card']);
      });

      it('keeps a lane in enqueue order across instances, whatever the ids', async () => {
        const other = open();
        await store.enqueueMessage(message(1, { id: 'zzz', lane: 'conversation:a:alice' }));
        await other.enqueueMessage(message(2, { id: 'aaa', lane: 'conversation:a:alice' }));
        await store.enqueueMessage(message(3, { id: 'mmm', lane: 'conversation:a:alice' }));
        const delivered: string[] = [];
        for (let round = 0; round < 3; round++) {
          const [next] = await other.claimDueMessages('worker-a', at(0), MINUTE, 10);
          assert.ok(next !== undefined);
          delivered.push(next.eventKey);
          await store.completeMessage(next.id, 'worker-a', { activityId: `activity-${round}`, conversationId: 'a:alice' });
        }
        assert.deepEqual(delivered, ['request:1:channel-card', 'request:2:channel-card', 'request:3:channel-card']);
      });

      it('does not let a later message of a lane overtake an earlier one that waits for a retry', async () => {
        await store.enqueueMessage(message(1, { lane: 'conversation:a:alice' }));
        await store.enqueueMessage(message(2, { lane: 'conversation:a:alice' }));
        await claimKeys('worker-a', at(0));
        await store.rescheduleMessage('id-1', 'worker-a', { nextAttemptAt: at(MINUTE), lastError: 'throttled (HTTP 429)' });
        assert.deepEqual(await claimKeys('worker-a', at(1_000)), []);
        assert.deepEqual(await claimKeys('worker-a', at(MINUTE)), ['request:1:channel-card']);
      });

      it('claims the oldest due messages first, no more than asked', async () => {
        for (const n of [1, 2, 3, 4]) await store.enqueueMessage(message(n, { id: `id-${5 - n}` }));
        assert.deepEqual(await claimKeys('worker-a', at(0), 2), ['request:1:channel-card', 'request:2:channel-card']);
      });

      it('counts messages by state', async () => {
        for (const n of [1, 2, 3]) await store.enqueueMessage(message(n));
        await claimKeys('worker-a', at(0));
        await store.completeMessage('id-1', 'worker-a', { activityId: 'a', conversationId: 'a:user-1' });
        await store.failMessage('id-2', 'worker-a', { reason: 'forbidden', lastError: 'forbidden (HTTP 403)' });
        assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 1, failed: 1 });
      });
    });
  });
});
