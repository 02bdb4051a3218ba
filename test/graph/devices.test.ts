import assert from 'node:assert/strict';
import { DEMO_DEVICE_IDS, DEMO_USER_IDS, EMPLOYEE_DEVICE_COUNT, type DemoDevice, type DemoTenant } from '../../src/demo/tenant';
import type { ManagedDevice } from '../../src/intune/device';
import { callsTo, graphFor, startTestTenant, type TestGraph } from '../support/demo-tenant';

describe('reading a user’s Intune devices through Graph', () => {
  let tenant: DemoTenant;
  let graph: TestGraph;

  before(async () => {
    tenant = await startTestTenant();
    graph = graphFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
  });

  it('lists only the devices whose primary user is the requester', async () => {
    const devices = await graph.intune.devicesOf(DEMO_USER_IDS.employee);
    assert.equal(devices.length, EMPLOYEE_DEVICE_COUNT);
    assert.ok(devices.every((device) => device.userId === DEMO_USER_IDS.employee));
    assert.ok(!devices.some((device) => device.id === DEMO_DEVICE_IDS.otherIphone), 'a device she enrolled for a colleague is not hers');
  });

  it('asks Graph beta for the device fields only, deviceType among them, in one request', async () => {
    await graph.intune.devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    assert.equal(tenant.requests.length, 1);
    const [call] = tenant.requests;
    assert.equal(call.path, `/users/${DEMO_USER_IDS.oneDeviceEmployee}/managedDevices`);
    // deviceType is a beta-only property (Graph beta managedDevice); v1.0 answers 400 for it.
    assert.equal(call.version, 'beta');
    const fields = 'id,deviceName,model,manufacturer,operatingSystem,osVersion,userId,userPrincipalName,' +
      'managedDeviceOwnerType,deviceEnrollmentType,managementState,managementAgent,lastSyncDateTime,deviceType';
    assert.equal(call.query.$select, fields);
  });

  it('reads deviceType for both shapes of a personally owned work profile, in the list and by id', async () => {
    // Microsoft Learn "Android Management API for personally owned work profiles"; Intune Customer Success blog, Jan 2025.
    const byId = new Map((await graph.intune.devicesOf(DEMO_USER_IDS.employee)).map((d) => [d.id, d]));
    const companyPortal = byId.get(DEMO_DEVICE_IDS.androidWorkProfile);
    const amapi = byId.get(DEMO_DEVICE_IDS.androidWorkProfileAmapi);
    assert.deepEqual([companyPortal?.managementAgent, companyPortal?.deviceEnrollmentType, companyPortal?.deviceType], ['mdm', 'userEnrollment', 'androidForWork']);
    assert.deepEqual([amapi?.managementAgent, amapi?.deviceType], ['googleCloudDevicePolicyController', 'androidForWork']);
    assert.equal(byId.get(DEMO_DEVICE_IDS.androidDeviceAdmin6)?.deviceType, 'android');
    const reread = await graph.intune.device(DEMO_DEVICE_IDS.androidWorkProfile);
    assert.equal(reread?.deviceType, 'androidForWork');
    assert.ok(tenant.requests.every((call) => call.version === 'beta'));
  });

  it('returns the one device of an employee who has one, with every field the domain reads', async () => {
    const [iphone] = await graph.intune.devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    const expected: ManagedDevice = {
      id: DEMO_DEVICE_IDS.oneDeviceIphone,
      deviceName: "Chih-Hao's iPhone 13",
      model: 'iPhone 13',
      manufacturer: 'Apple',
      operatingSystem: 'iOS',
      osVersion: '17.5',
      userId: DEMO_USER_IDS.oneDeviceEmployee,
      userPrincipalName: 'chihhao@contoso.example',
      managedDeviceOwnerType: 'company',
      deviceEnrollmentType: 'userEnrollment',
      managementState: 'managed',
      managementAgent: 'mdm',
      deviceType: 'iPhone',
      lastSyncDateTime: iphone.lastSyncDateTime,
    };
    assert.deepEqual(iphone, expected);
    assert.ok(Date.now() - Date.parse(iphone.lastSyncDateTime) < 3600_000, 'synced recently');
  });

  it('returns no devices for an employee who has none', async () => {
    assert.deepEqual(await graph.intune.devicesOf(DEMO_USER_IDS.noDeviceEmployee), []);
  });

  it('sees the Android Enterprise enrollment types that v1.0 without Prefer would hide as unknownFutureValue', async () => {
    const devices = await graph.intune.devicesOf(DEMO_USER_IDS.employee);
    const byId = new Map(devices.map((device) => [device.id, device]));
    assert.equal(byId.get(DEMO_DEVICE_IDS.androidFullyManaged)?.deviceEnrollmentType, 'androidEnterpriseFullyManaged');
    assert.equal(byId.get(DEMO_DEVICE_IDS.androidCorporateWorkProfile)?.deviceEnrollmentType, 'androidEnterpriseCorporateWorkProfile');
    assert.equal(byId.get(DEMO_DEVICE_IDS.iphoneUserEnrollment)?.deviceEnrollmentType, 'appleAccountDrivenUserEnrollment');
    assert.ok(!devices.some((device) => device.deviceEnrollmentType === 'unknownFutureValue'));
    assert.equal(tenant.requests[0].prefer, 'include-unknown-enum-members');
  });

  it('re-reads one device by id, with the enrollment type intact', async () => {
    const device = await graph.intune.device(DEMO_DEVICE_IDS.androidDedicatedWithUser);
    assert.equal(device?.deviceEnrollmentType, 'androidEnterpriseDedicatedDevice');
    assert.equal(device?.userId, DEMO_USER_IDS.employee);
    assert.equal(tenant.requests[0].path, `/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.androidDedicatedWithUser}`);
    assert.equal(tenant.requests[0].prefer, 'include-unknown-enum-members');
  });

  it('answers undefined for a device Intune no longer knows', async () => {
    assert.equal(await graph.intune.device('3f1c0a9e-0000-4000-8000-0000000000ff'), undefined);
    assert.equal(tenant.requests[0].status, 404);
  });

  it('reports a shared device as having no primary user', async () => {
    assert.equal((await graph.intune.device(DEMO_DEVICE_IDS.sharedIpad))?.userId, null);
    assert.equal((await graph.intune.device(DEMO_DEVICE_IDS.userlessKiosk))?.userId, null);
  });

  it('reads an empty userId and a never-synced date as "no primary user" and "never"', async () => {
    tenant.data.updateDevice(DEMO_DEVICE_IDS.chromebook, { userId: '', lastSyncDateTime: '0001-01-01T00:00:00Z' });
    try {
      const device = await graph.intune.device(DEMO_DEVICE_IDS.chromebook);
      assert.equal(device?.userId, null);
      assert.equal(device?.lastSyncDateTime, '');
    } finally {
      tenant.data.updateDevice(DEMO_DEVICE_IDS.chromebook, { userId: DEMO_USER_IDS.employee });
    }
  });

  it('encodes ids so an odd id cannot change the request path', async () => {
    assert.equal(await graph.intune.device('../../users/x'), undefined);
    assert.equal(tenant.requests[0].path, '/deviceManagement/managedDevices/..%2F..%2Fusers%2Fx');
    assert.equal(tenant.requests[0].status, 404);
  });

  it('follows @odata.nextLink through every page', async () => {
    const owner = DEMO_USER_IDS.noDeviceEmployee;
    const template = tenant.data.device(DEMO_DEVICE_IDS.oneDeviceIphone) as DemoDevice;
    const ids = Array.from({ length: 230 }, (_, i) => `7a9e0000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    for (const id of ids) tenant.data.putDevice({ ...template, id, userId: owner, deviceName: `Bulk ${id}` });
    try {
      const devices = await graph.intune.devicesOf(owner);
      assert.deepEqual(devices.map((device) => device.id).sort(), [...ids].sort());
      assert.equal(callsTo(tenant.requests, 'GET', '/managedDevices').length, 3);
      assert.ok(tenant.requests.slice(1).every((call) => call.query.$skiptoken && call.query.$select));
    } finally {
      for (const id of ids) tenant.data.removeDevice(id);
    }
  });
});
