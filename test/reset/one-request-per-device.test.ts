// Issue 15, item 7, at the lifecycle's door: a double click on the device picker (two Action.Execute
// invokes with the same device id, which Teams sends when a user clicks twice) and parallel
// requests for one device must open ONE request — the second click is shown the first one's card —
// and many requests at once must not pass MAX_REQUESTS_PER_USER_PER_DAY. Real SQLite file, fake
// Intune directory (a port of our own).
import assert from 'node:assert/strict';
import path from 'node:path';
import type { ManagedDevice } from '../../src/intune';
import { silentLogger } from '../../src/log';
import { OPEN_STATES } from '../../src/reset/request';
import { RequestService, type Requester } from '../../src/reset/service';
import { openStore, type Store } from '../../src/store';
import { device, OWNER_ID, SOMEONE_ELSE_ID } from '../intune/device-builder';
import { makeTempDir, ManualClock } from '../store/fixtures';

const requester: Requester = { tenantId: 'tenant-1', aadObjectId: OWNER_ID, name: 'Owner', locale: 'en-US', conversationId: 'a:owner' };

describe('opening a reset request for a device', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let store: Store;
  const devices = new Map<string, ManagedDevice>();
  const service = (maxRequestsPerDay = 3): RequestService =>
    new RequestService({
      directory: { devicesOf: async () => [...devices.values()], device: async (id) => devices.get(id) },
      store,
      clock: new ManualClock(new Date('2025-06-01T09:00:00.000Z')),
      log: silentLogger,
      maxRequestsPerDay,
      approval: { helpdeskGroupId: undefined },
    });

  beforeEach(() => {
    temp = makeTempDir();
    store = openStore(`sqlite:${path.join(temp.dir, 'pinbot.db')}`);
    devices.clear();
    for (const id of ['d-1', 'd-2', 'd-3', 'd-4', 'd-5']) devices.set(id, device({ id }));
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('opens one request when the device picker is clicked twice, and shows both clicks the same request', async () => {
    const requests = service();
    const [first, second] = await Promise.all([requests.chooseDevice(requester, 'd-1'), requests.chooseDevice(requester, 'd-1')]);
    assert.equal(first.kind, 'offer');
    assert.equal(second.kind, 'offer');
    assert.equal(first.kind === 'offer' && second.kind === 'offer' ? first.request.id : 'different', second.kind === 'offer' ? second.request.id : 'none');
    assert.equal((await store.requestsOf(OWNER_ID, OPEN_STATES)).length, 1);
  });

  it('opens one request for ten parallel requests for one device', async () => {
    const requests = service(20);
    const steps = await Promise.all(Array.from({ length: 10 }, () => requests.chooseDevice(requester, 'd-1')));
    assert.equal(new Set(steps.map((step) => (step.kind === 'offer' ? step.request.id : step.kind))).size, 1);
    assert.equal((await store.requestsOf(OWNER_ID, OPEN_STATES)).length, 1);
  });

  it('opens no more than MAX_REQUESTS_PER_USER_PER_DAY requests when five devices are asked for at once', async () => {
    const steps = await Promise.all(['d-1', 'd-2', 'd-3', 'd-4', 'd-5'].map((id) => service(3).chooseDevice(requester, id)));
    assert.equal(steps.filter((step) => step.kind === 'offer').length, 3);
    assert.deepEqual(
      steps.filter((step) => step.kind === 'problem').map((step) => (step.kind === 'problem' ? step.problem.kind : '')),
      ['tooManyRequests', 'tooManyRequests'],
    );
    assert.equal((await store.requestsOf(OWNER_ID, OPEN_STATES)).length, 3);
  });

  it("tells a new owner the device has an open request without showing the old owner's request", async () => {
    await service().chooseDevice(requester, 'd-1');
    devices.set('d-1', device({ id: 'd-1', userId: SOMEONE_ELSE_ID }));
    const step = await service().chooseDevice({ ...requester, aadObjectId: SOMEONE_ELSE_ID }, 'd-1');
    assert.deepEqual(step, { kind: 'problem', problem: { kind: 'deviceHasOpenRequest' } });
  });
});
