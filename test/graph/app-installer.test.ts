import assert from 'node:assert/strict';
import { DEMO_APP_PERMISSIONS, DEMO_TEAMS_APP, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { GraphAppInstaller, isGraphFailure } from '../../src/graph';
import { callsTo, graphFor, startTestTenant, type TestGraph } from '../support/demo-tenant';

const U = DEMO_USER_IDS;
const CATALOG = '/appCatalogs/teamsApps';

describe('installing the bot for a user through Graph', () => {
  let tenant: DemoTenant;
  let graph: TestGraph;

  // Every test installs for its own user: the demo tenant remembers installs.
  before(async () => {
    tenant = await startTestTenant();
    graph = graphFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => {
    tenant.resetLog();
    tenant.clearFaults();
    tenant.setPermissions(DEMO_APP_PERMISSIONS);
  });

  const installedFor = (userId: string): string[] => tenant.data.appsInstalledFor(userId).map((app) => app.teamsAppId);

  it('installs the app by its catalog id (201 → installed)', async () => {
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: DEMO_TEAMS_APP.catalogId });
    assert.equal(await installer.installFor(U.manager), 'installed');
    assert.deepEqual(installedFor(U.manager), [DEMO_TEAMS_APP.catalogId]);
    const [call] = tenant.requests;
    assert.deepEqual([call.method, call.path, call.status], ['POST', `/users/${U.manager}/teamwork/installedApps`, 201]);
  });

  it('counts an app that is already installed (409) as installed', async () => {
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: DEMO_TEAMS_APP.catalogId });
    tenant.data.installApp(U.otherEmployee, DEMO_TEAMS_APP.catalogId);
    assert.equal(await installer.installFor(U.otherEmployee), 'installed');
    assert.equal(tenant.requests[0].status, 409);
  });

  it('answers notPermitted when a policy blocks the app for the user (403)', async () => {
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: DEMO_TEAMS_APP.catalogId });
    tenant.data.refuseAppInstalls(U.oneDeviceEmployee);
    assert.equal(await installer.installFor(U.oneDeviceEmployee), 'notPermitted');
    assert.deepEqual(installedFor(U.oneDeviceEmployee), []);
    assert.equal(tenant.requests[0].status, 403);
  });

  it('answers notPermitted when the app lacks the installation permission', async () => {
    tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => !permission.startsWith('TeamsAppInstallation')));
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: DEMO_TEAMS_APP.catalogId });
    assert.equal(await installer.installFor(U.noDeviceEmployee), 'notPermitted');
  });

  it('looks the catalog id up by the manifest id once, for any number of installs', async () => {
    const installer = new GraphAppInstaller(graph.api, { manifestAppId: DEMO_TEAMS_APP.manifestId });
    const users = [U.employee, U.helpdeskAgent];
    assert.deepEqual(await Promise.all(users.map((user) => installer.installFor(user))), ['installed', 'installed']);
    assert.equal(await installer.installFor(U.noDeviceEmployee), 'installed');
    const lookups = callsTo(tenant.requests, 'GET', CATALOG);
    assert.equal(lookups.length, 1);
    assert.deepEqual(lookups[0].query, { $filter: `externalId eq '${DEMO_TEAMS_APP.manifestId}'`, $select: 'id' });
    assert.deepEqual(installedFor(U.helpdeskAgent), [DEMO_TEAMS_APP.catalogId]);
  });

  it('prefers a configured catalog id to a lookup', async () => {
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: DEMO_TEAMS_APP.catalogId, manifestAppId: DEMO_TEAMS_APP.manifestId });
    await installer.installFor(U.manager);
    assert.equal(callsTo(tenant.requests, 'GET', CATALOG).length, 0);
  });

  it('answers notPermitted without calling Graph when neither id is known', async () => {
    const installer = new GraphAppInstaller(graph.api, { catalogAppId: ' ', manifestAppId: '' });
    assert.equal(await installer.installFor(U.manager), 'notPermitted');
    assert.equal(tenant.requests.length, 0);
  });

  it('answers notPermitted for an app the catalog does not list, and asks again next time', async () => {
    const installer = new GraphAppInstaller(graph.api, { manifestAppId: "0a1b2c3d-'unpublished'" });
    assert.equal(await installer.installFor(U.manager), 'notPermitted');
    assert.equal(await installer.installFor(U.manager), 'notPermitted');
    const lookups = callsTo(tenant.requests, 'GET', CATALOG);
    assert.equal(lookups.length, 2, 'an app published later is found without a restart');
    assert.equal(lookups[0].query.$filter, "externalId eq '0a1b2c3d-''unpublished'''");
    assert.equal(callsTo(tenant.requests, 'POST', '/installedApps').length, 0);
  });

  it('answers notPermitted when the app may not read the catalog', async () => {
    tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => permission !== 'AppCatalog.Read.All'));
    const installer = new GraphAppInstaller(graph.api, { manifestAppId: DEMO_TEAMS_APP.manifestId });
    assert.equal(await installer.installFor(U.manager), 'notPermitted');
    assert.equal(tenant.requests[0].status, 403);
  });

  it('throws a typed failure for anything else, so the outbox tries again later', async () => {
    const installer = new GraphAppInstaller(graph.api, { manifestAppId: DEMO_TEAMS_APP.manifestId });
    tenant.injectFault({ method: 'GET', path: CATALOG, status: 500 });
    await assert.rejects(installer.installFor(U.manager), (error: unknown) => isGraphFailure(error) && error.reason === 'unavailable');
    tenant.injectFault({ method: 'POST', path: `/users/${U.manager}/teamwork/installedApps`, status: 503 });
    await assert.rejects(installer.installFor(U.manager), (error: unknown) => isGraphFailure(error) && error.status === 503);
    assert.equal(callsTo(tenant.requests, 'GET', CATALOG).length, 2, 'the failed lookup was not remembered');
  });
});
