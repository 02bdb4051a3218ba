// The BitLocker key calls against the demo tenant, through the real Graph client and the real
// @azure/identity OnBehalfOfCredential. Shapes and rules from Microsoft Learn: "List recoveryKeys"
// (GET /informationProtection/bitlocker/recoveryKeys?$filter=deviceId eq '…', no key property),
// "Get bitlockerRecoveryKey" (the key only with $select=key, which Entra audits under
// KeyManagement; delegated callers must be a registered owner of the device or hold an admin
// role; User-Agent, ocp-client-name and ocp-client-version headers in the documented requests).
import assert from 'node:assert/strict';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_DEVICE_IDS, DEMO_TENANT_ID, DEMO_USER_IDS, DEMO_WINDOWS_ENTRA_DEVICE_ID, type DemoTenant } from '../../src/demo/tenant';
import { delegatedRecoveryKeyReaders, GraphIntuneDeviceLinks, GraphRecoveryKeyReader } from '../../src/graph/bitlocker';
import { RecoveryKeyReadError, type RecoveryKeyReadFailure, type RecoveryKeyReaders } from '../../src/recovery-key';
import { graphFor, startTestTenant } from '../support/demo-tenant';

const OS_KEY_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const OS_KEY = '418363-280148-535183-290180-634557-183403-069355-226072';

async function failureOf(work: Promise<unknown>): Promise<RecoveryKeyReadFailure> {
  try {
    await work;
  } catch (error: unknown) {
    if (error instanceof RecoveryKeyReadError) return error.reason;
    throw error;
  }
  assert.fail('expected Graph to give nothing');
}

describe('reading a BitLocker recovery key with the user’s delegated token', () => {
  let tenant: DemoTenant;
  let readers: RecoveryKeyReaders;

  before(async () => {
    tenant = await startTestTenant();
    readers = delegatedRecoveryKeyReaders({
      app: { tenantId: DEMO_TENANT_ID, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET, authorityHost: tenant.authorityHost },
      graphEndpoint: tenant.graphEndpoint,
      timeoutMs: 5000,
      client: { name: 'PIN reset bot', version: '0.1.0' },
    });
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.bitlocker.selfServiceAllowed = true;
    tenant.bitlocker.setOwners(DEMO_WINDOWS_ENTRA_DEVICE_ID, [DEMO_USER_IDS.employee]);
  });

  it('lists the keys of the owner’s device without any key in the answer, then reads the one key with $select=key', async () => {
    const reader = readers(tenant.signInUser(DEMO_USER_IDS.employee));
    const keys = await reader.keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID);
    assert.deepEqual(keys.map((key) => key.id).sort(), [OS_KEY_ID, '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a']);
    assert.ok(!JSON.stringify(keys).includes(OS_KEY));
    assert.equal(await reader.recoveryPassword(OS_KEY_ID), OS_KEY);
    const [list, get] = tenant.requests;
    assert.equal(list?.query.$filter, `deviceId eq '${DEMO_WINDOWS_ENTRA_DEVICE_ID}'`);
    assert.equal(get?.query.$select, 'key');
    // Entra audits exactly the one read, as the signed-in user.
    assert.deepEqual(tenant.bitlocker.audit.map((entry) => [entry.keyId, entry.userId]), [[OS_KEY_ID, DEMO_USER_IDS.employee]]);
  });

  it('exchanges the user’s token on behalf of the user (jwt-bearer grant), never with client credentials', async () => {
    await readers(tenant.signInUser(DEMO_USER_IDS.employee)).keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID);
    assert.deepEqual(tenant.authorityRequests.filter((r) => r.grantType).map((r) => r.grantType), ['urn:ietf:params:oauth:grant-type:jwt-bearer']);
  });

  it('sends the ocp-client-name and ocp-client-version headers of the documented requests', async () => {
    await readers(tenant.signInUser(DEMO_USER_IDS.employee)).keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID);
    assert.equal(tenant.requests[0]?.ocpClientName, 'PIN reset bot');
    assert.equal(tenant.requests[0]?.ocpClientVersion, '0.1.0');
  });

  it('gives nothing to a user who is not a registered owner of the device (Graph 403)', async () => {
    const reader = readers(tenant.signInUser(DEMO_USER_IDS.otherEmployee));
    assert.equal(await failureOf(reader.keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID)), 'notAllowed');
    assert.equal(await failureOf(reader.recoveryPassword(OS_KEY_ID)), 'notAllowed');
    assert.deepEqual(tenant.bitlocker.audit.filter((entry) => entry.userId === DEMO_USER_IDS.otherEmployee), []);
  });

  it('gives nothing when the tenant restricts users from recovering the keys of their owned devices', async () => {
    tenant.bitlocker.selfServiceAllowed = false;
    const reader = readers(tenant.signInUser(DEMO_USER_IDS.employee));
    assert.equal(await failureOf(reader.keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID)), 'notAllowed');
    assert.equal(await failureOf(reader.recoveryPassword(OS_KEY_ID)), 'notAllowed');
  });

  it('gives nothing to the app-only token: the app credential never reads a key', async () => {
    const appOnly = new GraphRecoveryKeyReader(graphFor(tenant).api, { name: 'PIN reset bot', version: '0.1.0' });
    assert.equal(await failureOf(appOnly.keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID)), 'notAllowed');
    assert.equal(await failureOf(appOnly.recoveryPassword(OS_KEY_ID)), 'notAllowed');
    assert.deepEqual(tenant.bitlocker.audit.filter((entry) => entry.at > new Date(Date.now() - 5000).toISOString() && entry.userId !== DEMO_USER_IDS.employee), []);
  });

  it('asks for a new sign-in when the user’s token has expired (Entra refuses the exchange)', async () => {
    const reader = readers(tenant.signInUser(DEMO_USER_IDS.employee, { lifetimeSeconds: 0 }));
    assert.equal(await failureOf(reader.keysOfDevice(DEMO_WINDOWS_ENTRA_DEVICE_ID)), 'signInNeeded');
    assert.equal(tenant.requests.length, 0, 'nothing reached Graph');
  });

  it('asks for a new sign-in when the token is for another app (it cannot be exchanged by this one)', async () => {
    const reader = readers(tenant.signInUser(DEMO_USER_IDS.employee, { audience: '11111111-2222-4333-8444-555555555555' }));
    assert.equal(await failureOf(reader.recoveryPassword(OS_KEY_ID)), 'signInNeeded');
  });
});

describe('linking the Intune device to its Entra device (managedDevice.azureADDeviceId)', () => {
  let tenant: DemoTenant;
  before(async () => {
    tenant = await startTestTenant();
  });
  after(() => tenant.stop());

  it('reads the device app-only with its primary user and Entra device id', async () => {
    const links = new GraphIntuneDeviceLinks(graphFor(tenant).api);
    const found = await links.deviceWithEntraId(DEMO_DEVICE_IDS.windowsPc);
    assert.equal(found?.device.userId, DEMO_USER_IDS.employee);
    assert.equal(found?.entraDeviceId, DEMO_WINDOWS_ENTRA_DEVICE_ID);
    assert.match(tenant.requests[0]?.query.$select ?? '', /(^|,)azureADDeviceId(,|$)/);
  });

  it('says undefined for a device Intune does not know', async () => {
    const links = new GraphIntuneDeviceLinks(graphFor(tenant).api);
    assert.equal(await links.deviceWithEntraId('d0c1e5a0-0000-4000-8000-0000000000ff'), undefined);
  });
});
