import assert from 'node:assert/strict';
import { CredentialUnavailableError, type TokenCredential } from '@azure/identity';
import { DEMO_APP_PERMISSIONS, DEMO_DEVICE_IDS, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { createGraphClient, GraphFailure, GraphIntune } from '../../src/graph';
import { graphFor, startTestTenant } from '../support/demo-tenant';

describe('talking to Graph with the real credential and client', () => {
  let tenant: DemoTenant;

  before(async () => {
    tenant = await startTestTenant();
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
  });

  it('gets a token for exactly `${graphEndpoint}/.default` and attaches it on a plain http endpoint', async () => {
    const { intune } = graphFor(tenant);
    await intune.devicesOf(DEMO_USER_IDS.employee);
    const tokenCalls = tenant.authorityRequests.filter((call) => call.path.endsWith('/oauth2/v2.0/token'));
    assert.deepEqual(
      tokenCalls.map((call) => [call.grantType, call.scope, call.status]),
      [['client_credentials', `${tenant.graphEndpoint}/.default`, 200]],
    );
    assert.equal(tenant.requests.length, 1);
    assert.equal(tenant.requests[0].hadToken, true);
    assert.equal(tenant.requests[0].status, 200);
  });

  it('asks the authority only for its OpenID metadata and a token', async () => {
    const { intune } = graphFor(tenant);
    await intune.device('00000000-0000-4000-8000-00000000dead');
    assert.deepEqual(
      tenant.authorityRequests.map((call) => `${call.method} ${call.path}`),
      [`GET /${tenant.tenantId}/v2.0/.well-known/openid-configuration`, `POST /${tenant.tenantId}/oauth2/v2.0/token`],
    );
  });

  it('reuses the token for later calls instead of asking the authority again', async () => {
    const { intune } = graphFor(tenant);
    await intune.devicesOf(DEMO_USER_IDS.employee);
    await intune.devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    assert.equal(tenant.authorityRequests.filter((call) => call.method === 'POST').length, 1);
    assert.equal(tenant.requests.length, 2);
  });

  it('fails as unauthorized, without calling Graph, when the client secret is wrong', async () => {
    const { intune } = graphFor(tenant, { clientSecret: 'wrong' });
    await assert.rejects(intune.devicesOf(DEMO_USER_IDS.employee), (error: unknown) => {
      assert.ok(error instanceof GraphFailure);
      assert.equal(error.reason, 'unauthorized');
      assert.equal(error.phase, 'token');
      assert.equal(error.status, undefined);
      assert.ok(error.cause !== undefined, 'keeps the credential error as cause');
      return true;
    });
    assert.equal(tenant.requests.length, 0);
  });

  it('does not send an action, nor call it uncertain, when no token can be had', async () => {
    const credential: TokenCredential = {
      getToken: () => Promise.reject(new CredentialUnavailableError('no managed identity endpoint here')),
    };
    const intune = new GraphIntune(createGraphClient({ credential, graphEndpoint: tenant.graphEndpoint }));
    const sending = intune.resetPasscode(DEMO_DEVICE_IDS.androidWorkProfile);
    await assert.rejects(sending, { name: 'GraphFailure', reason: 'unavailable', phase: 'token' });
    assert.equal(tenant.requests.length, 0);
  });

  it('fails as unauthorized when Graph no longer accepts the token', async () => {
    const { intune } = graphFor(tenant);
    await intune.devicesOf(DEMO_USER_IDS.employee);
    tenant.revokeTokens();
    const reading = intune.device('00000000-0000-4000-8000-00000000dead');
    await assert.rejects(reading, { name: 'GraphFailure', reason: 'unauthorized', status: 401, graphCode: 'InvalidAuthenticationToken' });
  });

  it('fails as timeout when Graph does not answer in time', async () => {
    const { intune } = graphFor(tenant, { timeoutMs: 150 });
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, delayMs: 400 });
    await assert.rejects(intune.devicesOf(DEMO_USER_IDS.employee), { name: 'GraphFailure', reason: 'timeout' });
    assert.equal(tenant.requests.length, 1, 'a read that timed out is not repeated');
  });

  it('does not follow a nextLink to another host, so the token never leaves the Graph endpoint', async () => {
    const { intune } = graphFor(tenant);
    const body = { value: [], '@odata.nextLink': 'https://collector.example/v1.0/users/x/managedDevices?$skiptoken=1' };
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, status: 200, body });
    await assert.rejects(intune.devicesOf(DEMO_USER_IDS.employee), { name: 'GraphFailure', reason: 'badResponse' });
    assert.equal(tenant.requests.length, 1);
  });

  it('reports a body it cannot read as badResponse', async () => {
    const { intune } = graphFor(tenant);
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, status: 200, body: { value: [{ deviceName: 'no id' }] } });
    await assert.rejects(intune.devicesOf(DEMO_USER_IDS.employee), { name: 'GraphFailure', reason: 'badResponse' });
  });

  it('retries a read that met 503 and returns its result', async () => {
    const { intune } = graphFor(tenant);
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, status: 503 });
    const devices = await intune.devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    assert.equal(devices.length, 1);
    assert.deepEqual(tenant.requests.map((call) => call.status), [503, 200]);
  });

  it('retries a read whose connection dropped', async () => {
    const { intune } = graphFor(tenant);
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, dropConnection: true });
    const devices = await intune.devicesOf(DEMO_USER_IDS.oneDeviceEmployee);
    assert.equal(devices.length, 1);
    assert.equal(tenant.requests.length, 2);
  });

  it('gives up as throttled when Graph asks to wait longer than the client will', async () => {
    const { intune } = graphFor(tenant, { retry: { maxWaitMs: 1000 } });
    tenant.injectFault({ method: 'GET', path: /managedDevices$/, status: 429, retryAfterSeconds: 120 });
    const listing = intune.devicesOf(DEMO_USER_IDS.employee);
    await assert.rejects(listing, { name: 'GraphFailure', reason: 'throttled', status: 429, retryAfterMs: 120_000 });
    assert.equal(tenant.requests.length, 1);
  });

  it('names the missing read permission when Graph answers 403 to a read', async () => {
    const { intune } = graphFor(tenant);
    tenant.setPermissions(['DeviceManagementManagedDevices.PrivilegedOperations.All']);
    try {
      await assert.rejects(intune.devicesOf(DEMO_USER_IDS.employee), (error: unknown) => {
        assert.ok(error instanceof GraphFailure);
        assert.equal(error.reason, 'forbidden');
        assert.equal(error.missingPermission, 'DeviceManagementManagedDevices.Read.All');
        assert.match(error.message, /DeviceManagementManagedDevices\.Read\.All/);
        return true;
      });
    } finally {
      tenant.setPermissions(DEMO_APP_PERMISSIONS);
    }
  });
});
