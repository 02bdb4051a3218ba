// What the Azure Table store must survive that the contract suite cannot arrange: an instance that
// crashed between two writes, a clean-up that failed, a row from a newer build, keys and payloads
// Table Storage would not take as they are.
import assert from 'node:assert/strict';
import type { NewOutboxMessage } from '../../../src/notify/ports';
import type { Store } from '../../../src/store';
import { joinKey, sortableMs } from '../../../src/store/azure-table/keys';
import { epochMs } from '../../../src/store/timestamps';
import { sampleRequest } from '../fixtures';
import { allEntities, azureWorld, type AzureWorld } from './raw';

const NOW = new Date('2025-03-01T09:00:00.000Z');
const outboxMessage = (n: number, overrides: Partial<NewOutboxMessage> = {}): NewOutboxMessage => ({
  id: `id-${n}`,
  eventKey: `event:${n}`,
  lane: `conversation:a:${n}`,
  operation: { kind: 'send', target: { kind: 'conversation', conversationId: `a:${n}` } },
  payload: { text: `message ${n}` },
  createdAt: NOW.toISOString(),
  ...overrides,
});

describe('the Azure Table store after crashes and failed clean-ups', () => {
  let world: AzureWorld;
  let store: Store;
  beforeEach(async () => {
    world = await azureWorld();
    store = world.open();
    await store.ready();
  });

  /** The index entry a transition writes before its compare-and-set (request-index.ts). */
  const stateEntry = (state: string, id = 'req-1') => ({
    partitionKey: joinKey('state', state),
    rowKey: `${sortableMs(epochMs(sampleRequest().createdAt))}|${joinKey(id)}`,
    requestId: id,
    requesterId: 'user-alice',
  });
  const deviceEntry = (id = 'req-1') => ({ ...stateEntry('x', id), partitionKey: joinKey('device', 'device-pixel') });
  const exists = async (table: string, key: { partitionKey: string; rowKey: string }) =>
    (await allEntities(world.raw(table))).some((e) => e.partitionKey === key.partitionKey && e.rowKey === key.rowKey);

  it('fails loudly on a state this build does not know rather than passing it on', async () => {
    await store.insertRequest(sampleRequest());
    await world.raw('requests').updateEntity({ partitionKey: joinKey('user-alice'), rowKey: joinKey('req-1'), state: 'on_hold' }, 'Merge');
    await assert.rejects(store.getRequest('req-1'), /state/);
  });

  it('does not list a request under a state a crashed transition only announced, and drops that entry once it cannot come true', async () => {
    await store.insertRequest(sampleRequest());
    await world.raw('requestindex').upsertEntity(stateEntry('approved'));
    assert.deepEqual(await store.requestsInStates(['approved']), []);
    assert.ok(await exists('requestindex', stateEntry('approved')), 'kept while the request may still be approved');
    await store.transition('req-1', 1, 'cancelled');
    assert.deepEqual(await store.requestsInStates(['approved']), []);
    assert.equal(await exists('requestindex', stateEntry('approved')), false);
  });

  it('does not list a request under the state it left when that entry could not be deleted', async () => {
    await store.insertRequest(sampleRequest());
    await store.transition('req-1', 1, 'awaiting_approval');
    await store.transition('req-1', 2, 'cancelled');
    await world.raw('requestindex').upsertEntity(stateEntry('awaiting_confirmation'));
    await world.raw('requestindex').upsertEntity(deviceEntry());
    assert.deepEqual(await store.requestsInStates(['awaiting_confirmation']), []);
    assert.equal(await store.openRequestForDevice('device-pixel'), undefined);
    assert.equal(await exists('requestindex', stateEntry('awaiting_confirmation')), false);
    assert.equal(await exists('requestindex', deviceEntry()), false);
    assert.deepEqual((await store.requestsInStates(['cancelled'])).map((r) => r.id), ['req-1']);
  });

  it('shows nothing of an insert that crashed after its index entries', async () => {
    await world.raw('requestindex').createEntity({ partitionKey: joinKey('id', 'ghost'), rowKey: 'request', requesterId: 'user-alice' });
    await world.raw('requestindex').upsertEntity(stateEntry('awaiting_confirmation', 'ghost'));
    await world.raw('requestindex').upsertEntity(deviceEntry('ghost'));
    assert.equal(await store.getRequest('ghost'), undefined);
    assert.deepEqual(await store.requestsInStates(['awaiting_confirmation']), []);
    assert.equal(await store.openRequestForDevice('device-pixel'), undefined);
    assert.equal(await store.transition('ghost', 1, 'approved'), undefined);
  });

  it('counts and finds a finished message a crash left among the pending ones, and moves it on the next claim', async () => {
    await store.enqueueMessage(outboxMessage(1));
    await store.claimDueMessages('worker-a', NOW, 60_000, 10);
    await store.completeMessage('id-1', 'worker-a', { activityId: 'activity-1', conversationId: 'a:1' });
    const outbox = world.raw('outbox');
    const done = await outbox.getEntity<Record<string, unknown>>('outbox', joinKey('d', 'id-1'));
    const { etag: _etag, timestamp: _timestamp, 'odata.metadata': _metadata, ...row } = done;
    await outbox.createEntity({ ...row, partitionKey: 'outbox', rowKey: joinKey('p', 'id-1') });
    await outbox.deleteEntity('outbox', joinKey('d', 'id-1'));

    assert.deepEqual(await store.outboxDepth(), { pending: 0, delivered: 1, failed: 0 });
    assert.equal((await store.outboxMessage('event:1'))?.deliveredActivityId, 'activity-1');
    assert.deepEqual(await store.claimDueMessages('worker-b', NOW, 60_000, 10), []);
    const rows = (await allEntities(outbox)).map((e) => e.rowKey);
    assert.ok(rows.includes(joinKey('d', 'id-1')) && !rows.includes(joinKey('p', 'id-1')));
  });

  it('numbers the messages of one lane once each, also when four instances enqueue into it at the same moment', async () => {
    const instances = [store, world.open(), world.open(), world.open()];
    const sameLane = (n: number) => outboxMessage(n, { lane: 'conversation:a:busy' });
    await Promise.all(instances.flatMap((instance, i) => [0, 1, 2].map((n) => instance.enqueueMessage(sameLane(i * 3 + n)))));
    const numbers = (await allEntities(world.raw('outbox'))).flatMap((e) => (typeof e.laneSeq === 'number' ? [e.laneSeq] : []));
    assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 12 }, (_, n) => n + 1));
  });

  it('enqueues into many lanes at once without waiting on each other', async () => {
    const instances = [store, world.open(), world.open(), world.open()];
    const started = Date.now();
    await Promise.all(instances.flatMap((instance, i) => Array.from({ length: 10 }, (_, n) => instance.enqueueMessage(outboxMessage(i * 10 + n)))));
    assert.deepEqual(await store.outboxDepth(), { pending: 40, delivered: 0, failed: 0 });
    // Generous for a loaded machine: lanes that waited on each other would back off round after round.
    assert.ok(Date.now() - started < 15_000, `took ${Date.now() - started} ms`);
  });
});

describe('the Azure Table store with what Table Storage would not take as it is', () => {
  let store: Store;
  let world: AzureWorld;
  beforeEach(async () => {
    world = await azureWorld();
    store = world.open();
  });

  it('keys requests, audits, conversations, outbox events and settings by any text', async () => {
    const id = "req/1#?\\'~2f%😀";
    const device = { ...sampleRequest().device, deviceId: 'device/#1' };
    await store.insertRequest(sampleRequest({ id, requesterId: 'user/ä', device }));
    await store.insertRequest(sampleRequest({ id: 'req~2f1#?\\\'/2f%😀', requesterId: 'user/ä', device }));
    assert.equal((await store.transition(id, 1, 'approved'))?.id, id);
    await store.appendAudit({ requestId: id, at: NOW.toISOString(), actor: 'user/ä', event: 'approved', detail: '' });
    assert.equal((await store.auditOf(id)).length, 1);
    assert.deepEqual((await store.requestsOf('user/ä', ['approved'])).map((r) => r.id), [id]);
    assert.deepEqual((await store.requestsInStates(['approved'])).map((r) => r.id), [id]);
    assert.equal((await store.openRequestForDevice('device/#1'))?.requesterId, 'user/ä');

    const conversationId = '19:abc@thread.tacv2;messageid=17/0#?';
    await store.saveConversation({ conversationId, kind: 'personal', tenantId: 't/1', serviceUrl: 'https://smba/', userAadObjectId: "o'brien", referenceJson: '{}', updatedAt: NOW.toISOString() });
    assert.equal((await store.personalConversationOf("o'brien"))?.conversationId, conversationId);
    assert.equal((await store.newestConversationInTenant('t/1'))?.conversationId, conversationId);

    await store.enqueueMessage(outboxMessage(1, { id: 'id/1?', eventKey: 'request:a/b#c?:card' }));
    const [claimed] = await store.claimDueMessages('worker/1', NOW, 60_000, 1);
    assert.equal(await store.completeMessage('id/1?', 'worker/1', { activityId: 'x', conversationId: 'a' }), 'recorded');
    assert.equal((await store.outboxMessage('request:a/b#c?:card'))?.state, claimed?.state === 'pending' ? 'delivered' : 'pending');

    await store.saveSetting('channel/#1', 'x');
    assert.equal(await store.setting('channel/#1'), 'x');
  });

  it('keeps a payload larger than one table property holds', async () => {
    const card = { type: 'AdaptiveCard', body: Array.from({ length: 3_000 }, (_, i) => ({ type: 'TextBlock', text: `Zeile ${i}: 重設密碼 ✓` })) };
    const payload = { type: 'message', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
    assert.ok(JSON.stringify(payload).length > 100_000);
    await store.enqueueMessage(outboxMessage(1, { payload }));
    const [claimed] = await store.claimDueMessages('worker-a', NOW, 60_000, 1);
    assert.deepEqual(claimed?.payload, payload);
  });

  it('stores no property that could hold a passcode or a token', async () => {
    await store.insertRequest(sampleRequest());
    await store.patch('req-1', 1, { hidePasscodeAt: NOW.toISOString(), passcodeActivityId: 'activity-9', cardActivityId: 'a', managerId: 'm', approver: 'helpdesk' });
    await store.appendAudit({ requestId: 'req-1', at: NOW.toISOString(), actor: 'system', event: 'passcodeShown', detail: '' });
    await store.saveConversation({ conversationId: 'a:1', kind: 'personal', tenantId: 't', serviceUrl: 'https://smba/', userAadObjectId: 'u', referenceJson: '{}', updatedAt: NOW.toISOString() });
    await store.enqueueMessage(outboxMessage(1));
    await store.claimDueMessages('worker-a', NOW, 60_000, 1);
    await store.saveSetting('approvalChannel', 'c');
    const tables = ['requests', 'requestindex', 'audit', 'conversations', 'conversationindex', 'outbox', 'settings'];
    const names = new Set((await Promise.all(tables.map((t) => allEntities(world.raw(t))))).flat().flatMap((e) => Object.keys(e)));
    assert.ok(names.has('hidePasscodeAt'));
    // A time and a message id about the passcode, never the passcode itself.
    const aboutThePasscode = ['hidePasscodeAt', 'passcodeActivityId'];
    const words = (name: string): string[] => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
    const suspicious = [...names].filter((name) => (/passcode|token|secret|password/i.test(name) || words(name).includes('pin')) && !aboutThePasscode.includes(name));
    assert.deepEqual(suspicious, []);
  });
});
