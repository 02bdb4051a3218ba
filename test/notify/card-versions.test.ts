import assert from 'node:assert/strict';
import { OutboxRequestAnnouncer } from '../../src/notify/request-announcer';
import { OutboxRequesterNotifier } from '../../src/notify/requester-notifier';
import type { ResetRequest } from '../../src/reset/request';
import { newRequestFixture } from '../reset/support/requests';
import { harness, type DeliveryCall, type Harness } from './support/fakes';

const HOUR = 3_600_000;
const CHANNEL = '19:helpdesk@thread.tacv2';

// test/scale/two-instances.test.ts once ended a channel card on "Approved, about to be sent" after
// the reset was done. An outbox lane is delivered in enqueue order, and two instances can enqueue
// versions of one card out of version order: A approved the request and is slow to announce it
// (its store write took long), while B took the action over (A's lease ran out), finished it and
// announced "done" first. The last update each card receives must show the newest version anyway.
describe('card updates from two instances end on the newest version', () => {
  let h: Harness;

  beforeEach(() => {
    h = harness();
  });
  afterEach(() => h.store.close());

  function instance(): { announcer: OutboxRequestAnnouncer; notifier: OutboxRequesterNotifier } {
    const channels = { current: async (tenantId: string) => ({ channelId: CHANNEL, tenantId, serviceUrl: '' }) };
    return {
      announcer: new OutboxRequestAnnouncer({ outbox: h.outbox, channels, requests: h.store, channelLocale: 'en', notifyManager: false }),
      notifier: new OutboxRequesterNotifier(h.outbox, h.store),
    };
  }

  /** A request that waits for the helpdesk, its approval card announced by `by` and delivered. */
  async function waitingForApproval(by: ReturnType<typeof instance>): Promise<ResetRequest> {
    await h.store.insertRequest(newRequestFixture(h.timer.now(), { cardActivityId: 'card-1', conversationId: 'a:alice' }));
    const offered = await h.store.getRequest('0b7e5b52-2f1c-4d8a-9a53-6c1f2e3d4a5b');
    assert.ok(offered);
    const waiting = await h.store.transition(offered.id, offered.version, 'awaiting_approval', { approver: 'helpdesk', expiresAt: new Date(h.timer.now().getTime() + HOUR).toISOString() });
    assert.ok(waiting);
    await by.announcer.requestConfirmed(waiting);
    await h.worker.drain(HOUR);
    return waiting;
  }

  async function move(request: ResetRequest, to: ResetRequest['state']): Promise<ResetRequest> {
    const moved = await h.store.transition(request.id, request.version, to, {});
    assert.ok(moved, `moved to ${to}`);
    return moved;
  }

  function lastCallTo(predicate: (call: DeliveryCall) => boolean): string {
    return JSON.stringify([...h.delivery.calls].reverse().find(predicate)?.payload ?? {});
  }

  it('when the older version is enqueued after the newer one, the newer one is delivered last', async () => {
    const a = instance();
    const b = instance();
    const waiting = await waitingForApproval(a); // its approval card is posted in the channel

    const approvedSeenByA = await move(waiting, 'approved');
    // B: sends the action and sees it done, and announces that first.
    const done = await move(await move(approvedSeenByA, 'executing'), 'succeeded');
    await b.notifier.showRequest(done);
    await b.announcer.requestChanged(done);
    // A, late: announces the version it decided.
    await a.notifier.showRequest(approvedSeenByA);
    await a.announcer.requestChanged(approvedSeenByA);
    await h.worker.drain(HOUR);

    const channelCard = lastCallTo((call) => call.op === 'update' && call.conversationId.startsWith(CHANNEL));
    assert.match(channelCard, /Intune reports the reset as done/);
    // And the older version is skipped rather than shown for a moment after the newer one.
    const channelUpdates = h.delivery.calls.filter((call) => call.op === 'update' && call.conversationId.startsWith(CHANNEL)).map((call) => JSON.stringify(call.payload));
    assert.deepEqual(channelUpdates.map((text) => /Intune reports the reset as done/.test(text)), [true]);
    const requesterCard = lastCallTo((call) => call.conversationId === 'a:alice');
    assert.match(requesterCard, /\bDone\b/);
  });

  it('when the newer version is enqueued while the older one is being enqueued, the newer one still ends the lane', async () => {
    const a = instance();
    const b = instance();
    const waiting = await waitingForApproval(a); // its approval card is posted in the channel
    const approvedSeenByA = await move(waiting, 'approved');
    // A's first read still shows "approved"; B finishes and announces between A's read and A's enqueue.
    const realGet = h.store.getRequest.bind(h.store);
    let reads = 0;
    const interleaved = { getRequest: async (id: string) => {
      const seen = await realGet(id);
      reads += 1;
      if (reads === 1) {
        const done = await move(await move(approvedSeenByA, 'executing'), 'succeeded');
        await b.announcer.requestChanged(done);
      }
      return seen;
    } };
    const channels = { current: async (tenantId: string) => ({ channelId: CHANNEL, tenantId, serviceUrl: '' }) };
    const slowA = new OutboxRequestAnnouncer({ outbox: h.outbox, channels, requests: interleaved, channelLocale: 'en', notifyManager: false });
    await slowA.requestChanged(approvedSeenByA);
    await h.worker.drain(HOUR);
    assert.match(lastCallTo((call) => call.op === 'update' && call.conversationId.startsWith(CHANNEL)), /Intune reports the reset as done/);
  });
});
