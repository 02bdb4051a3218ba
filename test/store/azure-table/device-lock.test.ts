// The Azure Table form of "one open request per device" is an ordered protocol around a lock
// entity (src/store/azure-table/device-locks.ts). The contract suite proves the races; these play
// the failure cases the protocol documents: a lock whose delete failed, a lock of an insert that
// crashed before its request existed, a request stored before locks existed, a refused insert.
import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { IN_FLIGHT_WAIT_MS } from '../../../src/store/azure-table/device-locks';
import { joinKey } from '../../../src/store/azure-table/keys';
import { sampleRequest } from '../fixtures';
import { allEntities, azureWorld, type AzureWorld } from './raw';

const pixel = sampleRequest().device;
const lockKey = { partitionKey: joinKey('lock', 'device-pixel'), rowKey: 'device' };

describe('the Azure Table device lock', () => {
  let world: AzureWorld;
  let store: Store;
  beforeEach(async () => {
    world = await azureWorld();
    store = world.open();
    await store.ready();
  });

  const lock = async () => (await allEntities(world.raw('requestindex'))).find((e) => e.partitionKey === lockKey.partitionKey && e.rowKey === lockKey.rowKey);
  const writeLock = (requestId: string) => world.raw('requestindex').upsertEntity({ ...lockKey, requestId, requesterId: 'user-alice' }, 'Replace');

  it('is taken when a request opens and let go when it ends', async () => {
    await store.insertRequest(sampleRequest());
    assert.equal((await lock())?.['requestId'], 'req-1');
    await store.transition('req-1', 1, 'approved');
    assert.equal((await lock())?.['requestId'], 'req-1', 'still open');
    await store.transition('req-1', 2, 'failed');
    assert.equal(await lock(), undefined);
  });

  it('is taken over at once when its request has ended but the delete was lost', async () => {
    await store.insertRequest(sampleRequest());
    await store.transition('req-1', 1, 'cancelled');
    await writeLock('req-1');
    assert.equal((await store.insertRequest(sampleRequest({ id: 'req-2', device: pixel }))).kind, 'inserted');
    assert.equal((await lock())?.['requestId'], 'req-2');
  });

  it('is taken over after a short wait when the insert that took it crashed before its request existed', async function () {
    this.timeout(IN_FLIGHT_WAIT_MS + 20_000);
    await writeLock('crashed-insert');
    assert.equal((await store.insertRequest(sampleRequest({ id: 'req-2', device: pixel }))).kind, 'inserted');
    assert.equal((await lock())?.['requestId'], 'req-2');
  });

  it('yields to an open request stored before locks existed', async () => {
    await store.insertRequest(sampleRequest());
    await world.raw('requestindex').deleteEntity(lockKey.partitionKey, lockKey.rowKey);
    const outcome = await store.insertRequest(sampleRequest({ id: 'req-2', device: pixel }));
    assert.equal(outcome.kind === 'deviceHasOpenRequest' ? outcome.existing.id : outcome.kind, 'req-1');
    assert.equal(await store.getRequest('req-2'), undefined);
  });

  it('leaves nothing behind for an insert refused by the daily limit', async () => {
    const dailyLimit = { max: 1, sinceIso: '2025-03-01T00:00:00.000Z' };
    await store.insertRequest(sampleRequest({ id: 'first' }), { dailyLimit });
    assert.equal((await store.insertRequest(sampleRequest(), { dailyLimit })).kind, 'dailyLimitReached');
    assert.equal(await lock(), undefined);
    const left = (await allEntities(world.raw('requestindex'))).filter((e) => e['requestId'] === 'req-1' || e.partitionKey === joinKey('id', 'req-1'));
    assert.deepEqual(left, []);
  });
});
