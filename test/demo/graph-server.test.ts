import assert from 'node:assert/strict';
import {
  DEMO_DEVICE_IDS,
  DEMO_HELPDESK_GROUP_ID,
  DEMO_TEAMS_APP,
  DEMO_USER_IDS,
  type DemoTenant,
} from '../../src/demo/tenant';
import { RemoteDemoTenant, startTestTenant, tokenFor } from '../support/demo-tenant';

type Json = Record<string, unknown> & { value?: Record<string, unknown>[] };

describe('the demo tenant’s Graph server', () => {
  let tenant: DemoTenant;
  let token: string;

  before(async () => {
    tenant = await startTestTenant({ actionCompletesAfterMs: 50 });
    token = await tokenFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
  });

  const graph = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${tenant.graphEndpoint}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  const errorCode = (body: Json): unknown => (body.error as { code?: string } | undefined)?.code;

  it('answers 401 with a Graph-shaped error without a token or with an unknown one', async () => {
    for (const authorization of [undefined, 'Bearer not-a-token-it-issued']) {
      const response = await fetch(`${tenant.graphEndpoint}/v1.0/users/${DEMO_USER_IDS.employee}`, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      assert.equal(response.status, 401);
      assert.equal(errorCode((await response.json()) as Json), 'InvalidAuthenticationToken');
    }
  });

  it('gives the demo employee one device for every row of the platform matrix', async () => {
    const { body } = await graph(`/beta/users/${DEMO_USER_IDS.employee}/managedDevices?$filter=userId eq '${DEMO_USER_IDS.employee}'`);
    const rows = new Set(body.value?.map((device) => [device.operatingSystem, device.deviceEnrollmentType, device.managementAgent].map(String).join(' ')));
    for (const row of [
      'iOS userEnrollment mdm',
      'iPadOS appleBulkWithUser mdm',
      'iOS appleAccountDrivenUserEnrollment mdm',
      'Android userEnrollment googleCloudDevicePolicyController',
      'Android androidEnterpriseCorporateWorkProfile googleCloudDevicePolicyController',
      'Android androidEnterpriseFullyManaged googleCloudDevicePolicyController',
      'Android androidEnterpriseDedicatedDevice googleCloudDevicePolicyController',
      'Android userEnrollment mdm',
      'Windows windowsAzureADJoin mdm',
    ]) {
      assert.ok(rows.has(row), row);
    }
    const systems = new Set(body.value?.map((device) => device.operatingSystem));
    for (const os of ['Windows Mobile', 'macOS', 'ChromeOS', 'Linux']) assert.ok(systems.has(os), os);
    // Device administrator is told apart from the Company Portal work profile by beta deviceType only.
    const deviceAdmin = body.value?.filter((device) => device.deviceType === 'android');
    const versions = deviceAdmin?.map((device) => device.osVersion);
    assert.deepEqual(versions?.sort(), ['10', '6.0.1']);
    const workProfiles = body.value?.filter((device) => device.deviceType === 'androidForWork').map((device) => device.managementAgent);
    assert.deepEqual(workProfiles?.sort(), ['googleCloudDevicePolicyController', 'mdm'], 'both real shapes of a personally owned work profile');
  });

  it('has a phone that last synced 12 days ago, one pending retirement, and userless shared devices', async () => {
    const stale = (await graph(`/v1.0/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.androidStale}`)).body;
    const days = (Date.now() - Date.parse(String(stale.lastSyncDateTime))) / 86_400_000;
    assert.ok(days > 11.9 && days < 12.1, String(days));
    const retiring = (await graph(`/v1.0/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.iphoneRetirePending}`)).body;
    assert.equal(retiring.managementState, 'retirePending');
    for (const id of [DEMO_DEVICE_IDS.userlessKiosk, DEMO_DEVICE_IDS.sharedIpad]) {
      assert.equal((await graph(`/v1.0/deviceManagement/managedDevices/${id}`)).body.userId, null);
    }
  });

  it('hides enrollment types newer than v1.0 unless the Prefer header asks for them', async () => {
    const path = `/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.androidFullyManaged}?$select=deviceEnrollmentType`;
    assert.equal((await graph(`/v1.0${path}`)).body.deviceEnrollmentType, 'unknownFutureValue');
    const preferred = await graph(`/v1.0${path}`, { headers: { Prefer: 'return=minimal, include-unknown-enum-members' } });
    assert.equal(preferred.body.deviceEnrollmentType, 'androidEnterpriseFullyManaged');
    assert.equal((await graph(`/beta${path}`)).body.deviceEnrollmentType, 'androidEnterpriseFullyManaged');
  });

  it('serves deviceType on beta only: v1.0 leaves it out and refuses to $select it, as Graph does for a property its version lacks', async () => {
    // Graph beta managedDevice has deviceType; v1.0 managedDevice does not (DESIGN.md: a beta-only property).
    const device = `/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.androidWorkProfile}`;
    assert.equal((await graph(`/beta${device}?$select=deviceType`)).body.deviceType, 'androidForWork');
    assert.ok(!('deviceType' in (await graph(`/v1.0${device}`)).body), 'no deviceType in a v1.0 answer');
    const prefer = { headers: { Prefer: 'include-unknown-enum-members' } };
    for (const path of [`/v1.0${device}?$select=id,deviceType`, `/v1.0/users/${DEMO_USER_IDS.employee}/managedDevices?$select=deviceType`]) {
      const refused = await graph(path, prefer);
      assert.equal(refused.status, 400, path);
      assert.match(String((refused.body.error as { message?: string }).message), /deviceType/);
    }
  });

  it('hides the newer management agent "google" on v1.0 unless the Prefer header asks, and shows it on beta', async () => {
    // Graph managementAgentType: v1.0 ends at googleCloudDevicePolicyController (64); beta adds google (8192).
    tenant.data.updateDevice(DEMO_DEVICE_IDS.androidWorkProfileAmapi, { managementAgent: 'google' });
    try {
      const path = `/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.androidWorkProfileAmapi}?$select=managementAgent`;
      assert.equal((await graph(`/v1.0${path}`)).body.managementAgent, 'unknownFutureValue');
      assert.equal((await graph(`/v1.0${path}`, { headers: { Prefer: 'include-unknown-enum-members' } })).body.managementAgent, 'google');
      assert.equal((await graph(`/beta${path}`)).body.managementAgent, 'google');
    } finally {
      tenant.data.updateDevice(DEMO_DEVICE_IDS.androidWorkProfileAmapi, { managementAgent: 'googleCloudDevicePolicyController' });
    }
  });

  it('returns only the $select fields (and id)', async () => {
    const { body } = await graph(`/v1.0/users/${DEMO_USER_IDS.oneDeviceEmployee}/managedDevices?$select=deviceName,osVersion`);
    assert.deepEqual(Object.keys(body.value?.[0] ?? {}).sort(), ['deviceName', 'id', 'osVersion']);
  });

  it('filters devices by primary user and refuses a filter it does not understand', async () => {
    const { body } = await graph(`/v1.0/deviceManagement/managedDevices?$filter=userId eq '${DEMO_USER_IDS.otherEmployee}'&$select=id`);
    const expected = [DEMO_DEVICE_IDS.otherIphone, DEMO_DEVICE_IDS.otherAndroidWorkProfile];
    assert.deepEqual(body.value?.map((device) => device.id).sort(), expected.sort());
    const refused = await graph(`/v1.0/deviceManagement/managedDevices?$filter=startswith(deviceName,'A')`);
    assert.equal(refused.status, 400);
  });

  it('pages with $top and an @odata.nextLink on its own endpoint', async () => {
    const first = await graph(`/v1.0/users/${DEMO_USER_IDS.employee}/managedDevices?$top=10&$select=id`);
    const next = String(first.body['@odata.nextLink']);
    assert.equal(first.body.value?.length, 10);
    assert.ok(next.startsWith(`${tenant.graphEndpoint}/v1.0/users/`), next);
    const second = await graph(next.slice(tenant.graphEndpoint.length));
    assert.equal(second.body.value?.length, 8, 'the 17 devices of the employee and the one she enrolled for a colleague');
    assert.equal(second.body['@odata.nextLink'], undefined);
  });

  it('answers 404 Graph-style for unknown users and devices', async () => {
    const user = await graph('/v1.0/users/0badc0de-0000-4000-8000-000000000000/managedDevices');
    assert.deepEqual([user.status, errorCode(user.body)], [404, 'Request_ResourceNotFound']);
    const device = await graph('/v1.0/deviceManagement/managedDevices/0badc0de-0000-4000-8000-000000000000');
    assert.deepEqual([device.status, errorCode(device.body)], [404, 'ResourceNotFound']);
  });

  it('knows users by id or principal name, their manager, and that employee 3 has none', async () => {
    const byUpn = await graph('/v1.0/users/meiling%40contoso.example');
    assert.equal(byUpn.body.id, DEMO_USER_IDS.employee);
    assert.equal(byUpn.body.displayName, 'Chen Mei-Ling 陳美玲');
    const manager = await graph(`/v1.0/users/${DEMO_USER_IDS.employee}/manager`);
    assert.equal(manager.body.id, DEMO_USER_IDS.manager);
    const none = await graph(`/v1.0/users/${DEMO_USER_IDS.noDeviceEmployee}/manager`);
    assert.deepEqual([none.status, errorCode(none.body)], [404, 'Request_ResourceNotFound']);
  });

  it('says which of the asked groups a user is in', async () => {
    const ask = (userId: string): Promise<{ body: Json }> =>
      graph(`/v1.0/users/${userId}/checkMemberGroups`, {
        method: 'POST',
        body: JSON.stringify({ groupIds: [DEMO_HELPDESK_GROUP_ID, '9e0a0000-0000-4000-8000-000000000000'] }),
      });
    assert.deepEqual((await ask(DEMO_USER_IDS.helpdeskAgent)).body.value, [DEMO_HELPDESK_GROUP_ID]);
    assert.deepEqual((await ask(DEMO_USER_IDS.employee)).body.value, []);
  });

  it('installs a Teams app for a user once', async () => {
    const install = (): Promise<{ status: number }> =>
      graph(`/v1.0/users/${DEMO_USER_IDS.manager}/teamwork/installedApps`, {
        method: 'POST',
        body: JSON.stringify({ 'teamsApp@odata.bind': `${tenant.graphEndpoint}/v1.0/appCatalogs/teamsApps/${DEMO_TEAMS_APP.catalogId}` }),
      });
    assert.equal((await install()).status, 201);
    assert.equal((await install()).status, 409);
    assert.equal(tenant.data.appsInstalledFor(DEMO_USER_IDS.manager).length, 1);
  });

  it('hands out a different temporary passcode of 6 to 8 digits for every Android reset', async () => {
    const passcodes = new Set<string>();
    for (let i = 0; i < 5; i += 1) tenant.data.startResetPasscode(DEMO_DEVICE_IDS.androidDeviceAdmin6, Date.now() - 1000);
    for (const result of tenant.data.actionResults(DEMO_DEVICE_IDS.androidDeviceAdmin6)) {
      assert.match(result.passcode ?? '', /^\d{6,8}$/);
      passcodes.add(result.passcode ?? '');
    }
    assert.equal(passcodes.size, 5);
  });

  it('can be driven from another process through /_demo', async () => {
    const remote = new RemoteDemoTenant(tenant.graphEndpoint);
    await remote.injectFault({ method: 'POST', pathPattern: '/resetPasscode$', status: 503, retryAfterSeconds: 2 });
    const reset = `/v1.0/deviceManagement/managedDevices/${DEMO_DEVICE_IDS.iphoneCompanyPortal}/resetPasscode`;
    const faulted = await fetch(`${tenant.graphEndpoint}${reset}`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    assert.deepEqual([faulted.status, faulted.headers.get('retry-after')], [503, '2']);
    assert.equal((await graph(reset, { method: 'POST' })).status, 204);
    await remote.patchDevice(DEMO_DEVICE_IDS.iphoneCompanyPortal, { managementState: 'wipePending' });
    assert.equal(tenant.data.device(DEMO_DEVICE_IDS.iphoneCompanyPortal)?.managementState, 'wipePending');
    const log = await remote.requests();
    assert.deepEqual(log.map((call) => [call.method, call.status]), [['POST', 503], ['POST', 204]]);
    await remote.resetLog();
    assert.deepEqual(await remote.requests(), []);
    tenant.data.updateDevice(DEMO_DEVICE_IDS.iphoneCompanyPortal, { managementState: 'managed' });
  });

  it('adds the configured latency to every Graph answer and frees its ports on stop', async () => {
    const slow = await startTestTenant({ graphLatencyMs: 120 });
    const slowToken = await tokenFor(slow);
    const started = Date.now();
    await fetch(`${slow.graphEndpoint}/v1.0/users/${DEMO_USER_IDS.employee}`, { headers: { Authorization: `Bearer ${slowToken}` } });
    assert.ok(Date.now() - started >= 110);
    await slow.stop();
    await assert.rejects(fetch(`${slow.graphEndpoint}/v1.0/users/x`));
  });
});
