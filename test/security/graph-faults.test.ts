import assert from 'node:assert/strict';
import { DEMO_APP_PERMISSIONS, DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { startTestTenant } from '../support/demo-tenant';
import { textOf } from '../e2e/cards';
import { lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from '../e2e/setup';

const RESET_PATH = /\/resetPasscode$/;

describe('Graph faults while acting', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => {
    world.tenant.resetLog();
    world.tenant.clearFaults();
    // Each test starts on a device without recent actions, as a real phone usually is.
    world.tenant.data.clearActions();
  });

  async function confirmOnlyIphone(): Promise<string> {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    return waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']);
  }

  function resetStatuses(): (number | undefined)[] {
    return world.tenant.requests.filter((r) => r.method === 'POST' && RESET_PATH.test(r.path)).map((r) => r.status);
  }

  it('waits out a 429 on the action and succeeds with one accepted POST', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, status: 429, retryAfterSeconds: 1, times: 1 });
    assert.equal(await confirmOnlyIphone(), 'succeeded');
    assert.deepEqual(resetStatuses(), [429, 204]);
    const [throttled, accepted] = world.tenant.requests.filter((r) => r.method === 'POST');
    assert.ok(throttled && accepted && accepted.time - throttled.time >= 900, 'Retry-After was honoured');
  });

  it('never re-POSTs after a 503 that Intune did not record, and says so', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, status: 503, times: 5 });
    assert.equal(await confirmOnlyIphone(), 'failed');
    assert.deepEqual(resetStatuses(), [503]);
    assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /did not confirm|not confirmed|try again/i);
  });

  it('follows a 503 that Intune did record to success, with one POST', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, status: 503, times: 1, applyRequest: true });
    assert.equal(await confirmOnlyIphone(), 'succeeded');
    assert.deepEqual(resetStatuses(), [503]);
  });

  it('names the missing Graph permission when the action is forbidden', async () => {
    world.tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((p) => !p.includes('PrivilegedOperations')));
    try {
      assert.equal(await confirmOnlyIphone(), 'failed');
      assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /administrator must grant/i);
      const [request] = await world.bot.store.requestsOf(users.oneDevice.id, ['failed']);
      const trail = await world.bot.store.auditOf(request?.id ?? '');
      assert.ok(trail.some((e) => e.detail.includes('DeviceManagementManagedDevices.PrivilegedOperations.All')), 'the audit names the permission');
    } finally {
      world.tenant.setPermissions(DEMO_APP_PERMISSIONS);
    }
  });

  it('tells an iPad owner whose removal failed that only a wipe recovers', async () => {
    const { confirm, cardId } = await offerFor(world, users.employee, D.ipadAde);
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'failed');
    assert.match(textOf(lastPersonalCard(world, users.employee).card), /wipe/i);
  });

  it('tells the requester plainly when Intune answers that the action is not supported', async () => {
    world.tenant.data.updateDevice(D.oneDeviceIphone, { demo: { resetOutcome: 'notSupported' } });
    try {
      assert.equal(await confirmOnlyIphone(), 'failed');
      assert.equal(resetPasscodePosts(world.tenant), 1);
      const [request] = await world.bot.store.requestsOf(users.oneDevice.id, ['failed']);
      assert.equal(request?.failureReason, 'actionNotSupported');
      assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /not support|helpdesk/i);
    } finally {
      world.tenant.data.updateDevice(D.oneDeviceIphone, { demo: {} });
    }
  });

  it('tells the requester when the device disappeared from Intune before acting', async () => {
    const { confirm, cardId } = await offerFor(world, users.employee, D.androidCorporateWorkProfile);
    world.tenant.injectFault({ method: 'GET', path: `/deviceManagement/managedDevices/${D.androidCorporateWorkProfile}`, status: 404, times: 1 });
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'failed');
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });
});

describe('a restart between confirm and result', () => {
  it('follows the request after the restart and tells the user the outcome', async () => {
    const tenant = await startTestTenant({ actionCompletesAfterMs: 1500 });
    let first: World | undefined = await startWorld({ tenant });
    let second: World | undefined;
    try {
      const { confirm, cardId } = await offerFor(first, users.oneDevice);
      await first.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
      const requestId = String(confirm.data['requestId']);
      await waitForState(first, requestId, ['executing']);
      await first.bot.settle(() => resetPasscodePosts(tenant) === 1);
      await first.bot.stop({ keepConnector: true });
      const restartOf = first.bot;
      first = undefined;
      second = await startWorld({ tenant, restartOf });
      assert.equal(await waitForState(second, requestId, ['succeeded', 'failed']), 'succeeded');
      assert.equal(resetPasscodePosts(tenant), 1);
      const shown = lastPersonalCard(second, users.oneDevice);
      assert.equal(shown.activityId, cardId);
      assert.match(textOf(shown.card), /passcode was removed/i);
    } finally {
      await first?.bot.stop();
      await second?.bot.stop();
      await tenant.stop();
    }
  });
});
