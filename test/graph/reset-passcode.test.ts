import assert from 'node:assert/strict';
import { DEMO_APP_PERMISSIONS, DEMO_DEVICE_IDS, type DemoTenant } from '../../src/demo/tenant';
import { GraphFailure } from '../../src/graph';
import { callsTo, graphFor, startTestTenant, type TestGraph } from '../support/demo-tenant';

const ACTION_MS = 150;
const resetPath = (deviceId: string): string => `/deviceManagement/managedDevices/${deviceId}/resetPasscode`;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const entry = (actionName: string, actionState: string, startDateTime: string, extra: Record<string, unknown> = {}): unknown => ({
  actionName,
  actionState,
  startDateTime,
  lastUpdatedDateTime: startDateTime,
  ...extra,
});

describe('resetting a passcode through Graph', () => {
  let tenant: DemoTenant;
  let graph: TestGraph;

  before(async () => {
    tenant = await startTestTenant({ actionCompletesAfterMs: ACTION_MS });
    graph = graphFor(tenant, { timeoutMs: 300 });
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
    tenant.data.clearActions();
    tenant.setPermissions(DEMO_APP_PERMISSIONS);
  });

  describe('sending the action', () => {
    it('reports sent when Graph answers 204, after exactly one POST', async () => {
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.iphoneCompanyPortal), 'sent');
      const posts = callsTo(tenant.requests, 'POST', '/resetPasscode');
      assert.equal(posts.length, 1);
      assert.equal(posts[0].path, resetPath(DEMO_DEVICE_IDS.iphoneCompanyPortal));
      assert.equal(posts[0].status, 204);
    });

    it('waits out a 429 with Retry-After and then sends it once more: exactly two POSTs', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, status: 429, retryAfterSeconds: 1 });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'sent');
      const posts = callsTo(tenant.requests, 'POST', '/resetPasscode');
      assert.deepEqual(posts.map((post) => post.status), [429, 204]);
      assert.ok(posts[1].time - posts[0].time >= 950, `waited ${posts[1].time - posts[0].time} ms`);
    });

    it('reports uncertain after a 503, with exactly one POST and no retry', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, status: 503, retryAfterSeconds: 0, times: 3 });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'uncertain');
      assert.equal(callsTo(tenant.requests, 'POST', '/resetPasscode').length, 1);
    });

    it('reports uncertain after a 504, with exactly one POST', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, status: 504, times: 3 });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'uncertain');
      assert.equal(callsTo(tenant.requests, 'POST', '/resetPasscode').length, 1);
    });

    it('reports uncertain when Graph does not answer in time, with exactly one POST', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, delayMs: 500, status: 204 });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'uncertain');
      assert.equal(callsTo(tenant.requests, 'POST', '/resetPasscode').length, 1);
    });

    it('reports uncertain when the connection drops, with exactly one POST', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, dropConnection: true });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'uncertain');
      assert.equal(callsTo(tenant.requests, 'POST', '/resetPasscode').length, 1);
    });

    it('lets the caller find the action queued after an uncertain 503', async () => {
      tenant.injectFault({ method: 'POST', path: /\/resetPasscode$/, status: 503, applyRequest: true });
      assert.equal(await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), 'uncertain');
      assert.equal((await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile))?.actionState, 'pending');
    });

    it('fails as forbidden naming PrivilegedOperations.All when the app lacks it', async () => {
      tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => !permission.includes('PrivilegedOperations')));
      await assert.rejects(graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile), (error: unknown) => {
        assert.ok(error instanceof GraphFailure);
        assert.equal(error.reason, 'forbidden');
        assert.equal(error.status, 403);
        assert.equal(error.missingPermission, 'DeviceManagementManagedDevices.PrivilegedOperations.All');
        return true;
      });
      assert.equal(callsTo(tenant.requests, 'POST', '/resetPasscode').length, 1);
    });

    it('fails as notFound for a device Intune does not know', async () => {
      const unknown = graph.intune.resetPasscode('3f1c0a9e-0000-4000-8000-0000000000ff');
      await assert.rejects(unknown, { name: 'GraphFailure', reason: 'notFound', status: 404 });
    });
  });

  describe('following the action result', () => {
    it('has no result for a device that never had a reset', async () => {
      assert.equal(await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile), undefined);
      assert.equal(tenant.requests[0].query.$select, 'deviceActionResults');
    });

    it('goes from pending to done with a temporary passcode on an Android work profile', async () => {
      await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile);
      const pending = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile);
      assert.equal(pending?.actionState, 'pending');
      assert.equal(pending?.passcode, undefined);
      await sleep(ACTION_MS + 50);
      const done = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile);
      assert.equal(done?.actionState, 'done');
      assert.equal(done?.actionName, 'resetPasscode');
      assert.match(done?.passcode ?? '', /^\d{6,8}$/);
    });

    it('goes to done without a passcode on an iPhone, whose passcode is removed', async () => {
      await graph.intune.resetPasscode(DEMO_DEVICE_IDS.iphoneCompanyPortal);
      await sleep(ACTION_MS + 50);
      const done = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.iphoneCompanyPortal);
      assert.equal(done?.actionState, 'done');
      assert.equal(done?.passcode, undefined);
    });

    it('shows the newest reset when there were several, each with its own passcode', async () => {
      await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidFullyManaged);
      await sleep(ACTION_MS + 50);
      const first = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidFullyManaged);
      await graph.intune.resetPasscode(DEMO_DEVICE_IDS.androidFullyManaged);
      const second = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidFullyManaged);
      assert.equal(second?.actionState, 'pending');
      await sleep(ACTION_MS + 50);
      const secondDone = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidFullyManaged);
      assert.ok(first?.passcode && secondDone?.passcode);
      assert.notEqual(secondDone.passcode, first.passcode);
    });

    it('picks the newest resetPasscode by startDateTime, whatever the order and other actions', async () => {
      const results = [
        entry('resetPasscode', 'done', '2025-03-02T10:00:00Z', { passcode: '1111111' }),
        entry('remoteLock', 'pending', '2025-03-09T10:00:00Z'),
        entry('resetPasscode', 'failed', '2025-03-05T10:00:00Z', { lastUpdatedDateTime: null, resetPasscodeActionResult: { passcode: null } }),
        entry('resetPasscode', 'done', '2025-03-01T10:00:00Z'),
      ];
      tenant.injectFault({ method: 'GET', path: /managedDevices\/[^/]+$/, status: 200, body: { id: 'x', deviceActionResults: results } });
      const newest = await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile);
      const expected = { actionName: 'resetPasscode', actionState: 'failed', startDateTime: '2025-03-05T10:00:00Z', lastUpdatedDateTime: '' };
      assert.deepEqual(newest, expected);
    });

    it('reads a passcode nested under resetPasscodeActionResult too', async () => {
      const nested = entry('resetPasscode', 'done', '2025-03-02T10:00:00Z', { resetPasscodeActionResult: { passcode: '2468024' } });
      tenant.injectFault({ method: 'GET', path: /managedDevices\/[^/]+$/, status: 200, body: { deviceActionResults: [nested] } });
      assert.equal((await graph.intune.resetPasscodeResult(DEMO_DEVICE_IDS.androidWorkProfile))?.passcode, '2468024');
    });

    it('ends failed or notSupported where the seed says so, and stays pending on a device that does not check in', async () => {
      const ids = [DEMO_DEVICE_IDS.ipadAde, DEMO_DEVICE_IDS.androidDeviceAdmin10, DEMO_DEVICE_IDS.androidStale];
      for (const id of ids) await graph.intune.resetPasscode(id);
      await sleep(ACTION_MS + 50);
      const states = await Promise.all(ids.map(async (id) => (await graph.intune.resetPasscodeResult(id))?.actionState));
      assert.deepEqual(states, ['failed', 'notSupported', 'pending']);
    });
  });
});
