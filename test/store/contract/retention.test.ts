// Issue 15, item 9: delivered outbox messages were kept for ever and a restart read every
// succeeded request. The store now prunes old delivered messages and answers "which passcodes are
// still shown" directly. Same tests on SQLite and Azurite.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { sampleOutboxMessage, sampleRequest } from '../fixtures';
import { forEachStore } from './stores';

const DAY = 86_400_000;
const NOW = Date.parse('2025-03-01T09:00:00.000Z');
const daysAgo = (days: number): string => new Date(NOW - days * DAY).toISOString();

describe('retention and start-up queries (contract)', () => {
  forEachStore((_name, open) => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });

    /** Enqueues message n at `createdAt` and takes it to `end` (or leaves it pending). */
    async function messageThatEnded(n: number, createdAt: string, end: 'delivered' | 'failed' | 'pending'): Promise<void> {
      await store.enqueueMessage(sampleOutboxMessage(n, { createdAt }));
      if (end === 'pending') return;
      const [claimed] = (await store.claimDueMessages(`w${n}`, new Date(NOW), 60_000, 50)).filter((m) => m.id === `id-${n}`);
      assert.ok(claimed, `message ${n} claimable`);
      if (end === 'delivered') await store.completeMessage(claimed.id, `w${n}`, { activityId: `a${n}`, conversationId: `a:user-${n}` });
      else await store.failMessage(claimed.id, `w${n}`, { reason: 'notFound', lastError: '404' });
    }

    describe('pruning delivered outbox messages', () => {
      it('deletes only delivered messages enqueued before the cut-off', async () => {
        await messageThatEnded(1, daysAgo(40), 'delivered');
        await messageThatEnded(2, daysAgo(40), 'failed');
        await messageThatEnded(3, daysAgo(40), 'pending');
        await messageThatEnded(4, daysAgo(10), 'delivered');
        assert.equal(await store.pruneDeliveredMessages(new Date(NOW - 30 * DAY), 100), 1);
        assert.equal(await store.outboxMessage('request:1:channel-card'), undefined);
        assert.deepEqual(
          await Promise.all([2, 3, 4].map(async (n) => (await store.outboxMessage(`request:${n}:channel-card`))?.state)),
          ['failed', 'pending', 'delivered'],
        );
        assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 1, failed: 1 });
      });

      it('keeps deduplicating a delivered message still inside the window, and forgets a pruned one', async () => {
        await messageThatEnded(1, daysAgo(40), 'delivered');
        await messageThatEnded(2, daysAgo(10), 'delivered');
        await store.pruneDeliveredMessages(new Date(NOW - 30 * DAY), 100);
        assert.equal(await store.enqueueMessage(sampleOutboxMessage(2, { id: 'id-2-again', createdAt: daysAgo(0) })), 'duplicate');
        assert.equal(await store.enqueueMessage(sampleOutboxMessage(1, { id: 'id-1-again', createdAt: daysAgo(0) })), 'enqueued');
      });

      it('deletes at most `limit` per call, and the rest on the next calls', async () => {
        for (let n = 1; n <= 5; n++) await messageThatEnded(n, daysAgo(40), 'delivered');
        const before = new Date(NOW - 30 * DAY);
        assert.equal(await store.pruneDeliveredMessages(before, 2), 2);
        assert.equal(await store.pruneDeliveredMessages(before, 2), 2);
        assert.equal(await store.pruneDeliveredMessages(before, 2), 1);
        assert.equal(await store.pruneDeliveredMessages(before, 2), 0);
        assert.deepEqual(await store.outboxDepth(), { pending: 0, delivered: 0, failed: 0 });
      });
    });

    describe('succeeded requests that still show a passcode', () => {
      it('lists a request from the move to succeeded with a passcode until the passcode is hidden', async () => {
        await store.insertRequest(sampleRequest({ state: 'executing' }));
        assert.deepEqual(await store.succeededWithPasscodeShown(), []);
        const shown = await store.transition('req-1', 1, 'succeeded', { hidePasscodeAt: '2025-03-01T09:05:00.000Z', passcodeActivityId: 'p1' });
        assert.deepEqual((await open().succeededWithPasscodeShown()).map((r) => r.id), ['req-1']);
        assert.ok(shown);
        await store.patch('req-1', shown.version, { hidePasscodeAt: null });
        assert.deepEqual(await open().succeededWithPasscodeShown(), []);
      });

      it('leaves out succeeded requests without a passcode and requests in other states', async () => {
        await store.insertRequest(sampleRequest({ id: 'no-passcode', state: 'succeeded' }));
        await store.insertRequest(sampleRequest({ id: 'failed', state: 'failed' }));
        await store.insertRequest(sampleRequest({ id: 'executing', state: 'executing' }));
        await store.insertRequest(sampleRequest({ id: 'older', state: 'succeeded', hidePasscodeAt: daysAgo(3), createdAt: daysAgo(4) }));
        await store.insertRequest(sampleRequest({ id: 'newer', state: 'succeeded', hidePasscodeAt: daysAgo(0), createdAt: daysAgo(1) }));
        await store.transition('executing', 1, 'failed', { failureReason: 'timedOut' });
        assert.deepEqual((await store.succeededWithPasscodeShown()).map((r) => r.id), ['older', 'newer']);
      });
    });
  });
});
