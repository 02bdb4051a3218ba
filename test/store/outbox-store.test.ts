import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { NewOutboxMessage } from '../../src/notify/ports';
import { openStore, type Store } from '../../src/store';
import { MIGRATIONS } from '../../src/store/sqlite/schema';
import { makeTempDir } from './fixtures';

const T0 = Date.parse('2025-03-01T09:00:00.000Z');
const at = (ms: number): Date => new Date(T0 + ms);
const MINUTE = 60_000;

function message(n: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return {
    id: `id-${n}`,
    eventKey: `request:${n}:channel-card`,
    lane: `conversation:a:user-${n}`,
    operation: { kind: 'send', target: { kind: 'conversation', conversationId: `a:user-${n}` } },
    payload: { type: 'message', text: `card ${n}`, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { version: '1.5' } }] },
    createdAt: '2025-03-01T09:00:00.000Z',
    ...overrides,
  };
}

describe('the SQLite outbox', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let spec: string;
  let store: Store;
  const claimKeys = async (owner: string, now: Date, limit = 10) =>
    (await store.claimDueMessages(owner, now, MINUTE, limit)).map((m) => m.eventKey);

  beforeEach(() => {
    temp = makeTempDir();
    spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
    store = openStore(spec);
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('stores an event enqueued twice only once, keeping the first', async () => {
    assert.equal(await store.enqueueMessage(message(1)), 'enqueued');
    assert.equal(await store.enqueueMessage(message(1, { id: 'id-other', payload: { text: 'second' } })), 'duplicate');
    assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 0, failed: 0 });
    assert.equal((await store.outboxMessage('request:1:channel-card'))?.id, 'id-1');
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

  it('refuses a malformed operation before storing it', async () => {
    const bad = { ...message(1), operation: { kind: 'send', target: { kind: 'conversation' } } } as unknown as NewOutboxMessage;
    await assert.rejects(store.enqueueMessage(bad));
    assert.deepEqual(await store.outboxDepth(), { pending: 0, delivered: 0, failed: 0 });
  });

  it('leases a claimed message to its claimer and to nobody else until the lease expires', async () => {
    await store.enqueueMessage(message(1));
    const [claimed] = await store.claimDueMessages('worker-a', at(0), MINUTE, 10);
    assert.deepEqual([claimed?.leaseOwner, claimed?.leaseUntil], ['worker-a', at(MINUTE).toISOString()]);
    assert.deepEqual(await claimKeys('worker-b', at(MINUTE - 1)), []);
    assert.deepEqual(await claimKeys('worker-b', at(MINUTE)), ['request:1:channel-card']);
  });

  it("refuses the first owner's write once another owner took over its expired lease", async () => {
    await store.enqueueMessage(message(1));
    await claimKeys('worker-a', at(0));
    await claimKeys('worker-b', at(2 * MINUTE));
    assert.equal(await store.completeMessage('id-1', 'worker-a', { activityId: 'x', conversationId: 'a:user-1' }), 'leaseLost');
    assert.equal(await store.completeMessage('id-1', 'worker-b', { activityId: 'y', conversationId: 'a:user-1' }), 'recorded');
    assert.equal((await store.outboxMessage('request:1:channel-card'))?.deliveredActivityId, 'y');
  });

  it('still lets an owner record its expired lease when nobody else took the message', async () => {
    await store.enqueueMessage(message(1));
    await claimKeys('worker-a', at(0));
    assert.equal(await store.failMessage('id-1', 'worker-a', { reason: 'notFound', lastError: 'notFound (HTTP 404)' }), 'recorded');
  });

  it('refuses writes from an owner that never held the lease', async () => {
    await store.enqueueMessage(message(1));
    await claimKeys('worker-a', at(0));
    assert.equal(await store.rescheduleMessage('id-1', 'worker-b', { nextAttemptAt: at(1_000), lastError: 'x' }), 'leaseLost');
    assert.equal(await store.releaseMessage('id-1', 'worker-b', at(0)), 'leaseLost');
    assert.equal(await store.failMessage('id-1', 'worker-b', { reason: 'permanent', lastError: 'x' }), 'leaseLost');
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

  it("claims only the oldest pending message of a conversation's lane, while other lanes go ahead", async () => {
    await store.enqueueMessage(message(1, { lane: 'conversation:a:alice' }));
    await store.enqueueMessage(message(2, { lane: 'conversation:a:alice' }));
    await store.enqueueMessage(message(3, { lane: 'conversation:a:bob' }));
    assert.deepEqual(await claimKeys('worker-a', at(0)), ['request:1:channel-card', 'request:3:channel-card']);
    assert.deepEqual(await claimKeys('worker-b', at(0)), []);
    await store.failMessage('id-1', 'worker-a', { reason: 'notFound', lastError: 'notFound (HTTP 404)' });
    assert.deepEqual(await claimKeys('worker-b', at(0)), ['request:2:channel-card']);
  });

  it('claims the oldest due messages first, no more than asked', async () => {
    for (const n of [1, 2, 3, 4]) await store.enqueueMessage(message(n));
    assert.deepEqual(await claimKeys('worker-a', at(0), 2), ['request:1:channel-card', 'request:2:channel-card']);
  });

  it('counts messages by state', async () => {
    for (const n of [1, 2, 3]) await store.enqueueMessage(message(n));
    await claimKeys('worker-a', at(0));
    await store.completeMessage('id-1', 'worker-a', { activityId: 'a', conversationId: 'a:user-1' });
    await store.failMessage('id-2', 'worker-a', { reason: 'forbidden', lastError: 'forbidden (HTTP 403)' });
    assert.deepEqual(await store.outboxDepth(), { pending: 1, delivered: 1, failed: 1 });
  });

  it('adds the outbox to a database written before it existed, keeping what was in it', async () => {
    const file = path.join(temp.dir, 'v1.db');
    const v1 = new Database(file);
    v1.exec(MIGRATIONS[0] ?? '');
    v1.prepare(`INSERT INTO conversations VALUES ('a:alice', 'personal', 't', 'https://smba.example/', 'alice', '{}', '2025-03-01T08:00:00.000Z', 0)`).run();
    v1.pragma('user_version = 1');
    v1.close();

    const upgraded = openStore(`sqlite:${file}`);
    try {
      assert.equal((await upgraded.conversation('a:alice'))?.userAadObjectId, 'alice');
      assert.equal(await upgraded.enqueueMessage(message(1)), 'enqueued');
    } finally {
      upgraded.close();
    }
    const check = new Database(file, { readonly: true });
    try {
      assert.equal(check.pragma('user_version', { simple: true }), MIGRATIONS.length);
    } finally {
      check.close();
    }
  });
});
