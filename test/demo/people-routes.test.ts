import assert from 'node:assert/strict';
import { DEMO_APP_PERMISSIONS, DEMO_TEAMS_APP, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { startTestTenant, tokenFor } from '../support/demo-tenant';

type Json = { value?: Record<string, unknown>[]; error?: { code?: string } };
const U = DEMO_USER_IDS;

describe('the demo tenant’s user search and Teams app catalog', () => {
  let tenant: DemoTenant;
  let token: string;

  before(async () => {
    tenant = await startTestTenant();
    token = await tokenFor(tenant);
  });
  after(() => tenant.stop());
  beforeEach(() => tenant.setPermissions(DEMO_APP_PERMISSIONS));

  const graph = async (path: string, init: RequestInit = {}): Promise<{ status: number; body: Json }> => {
    const response = await fetch(`${tenant.graphEndpoint}/v1.0${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Json) : {} };
  };
  const users = (filter: string, extra = ''): Promise<{ status: number; body: Json }> =>
    graph(`/users?$filter=${encodeURIComponent(filter)}${extra}`);
  const ids = (body: Json): unknown[] => (body.value ?? []).map((user) => user.id);
  const install = (userId: string, catalogId: string): Promise<{ status: number; body: Json }> =>
    graph(`/users/${userId}/teamwork/installedApps`, {
      method: 'POST',
      body: JSON.stringify({ 'teamsApp@odata.bind': `${tenant.graphEndpoint}/v1.0/appCatalogs/teamsApps/${catalogId}` }),
    });

  it('finds users by exact sign-in name or mail, ignoring case', async () => {
    const { status, body } = await users("userPrincipalName eq 'ALEX.RIVERA@contoso.example' or mail eq 'ALEX.RIVERA@contoso.example'");
    assert.deepEqual([status, ids(body)], [200, [U.helpdeskAgent]]);
  });

  it('finds users whose display name starts with a prefix, up to $top, with $select', async () => {
    const { body } = await users("startswith(displayName,'ch')", '&$select=id,displayName');
    assert.deepEqual(ids(body).sort(), [U.employee, U.manager].sort());
    assert.deepEqual(Object.keys(body.value?.[0] ?? {}).sort(), ['displayName', 'id']);
    assert.equal((await users("startswith(displayName,'ch')", '&$top=1')).body.value?.length, 1);
  });

  it('reads a doubled quote as a quote and refuses a lone one, as Graph does', async () => {
    assert.equal((await users("startswith(displayName,'O''B')")).status, 200);
    assert.equal((await users("startswith(displayName,'O'B')")).status, 400);
  });

  it('refuses any other filter and a bad $top with 400', async () => {
    for (const filter of ["displayName eq 'Alex Rivera'", "startswith(mail,'a')", "userPrincipalName eq 'a@b' and mail eq 'a@b'"]) {
      assert.equal((await users(filter)).status, 400, filter);
    }
    assert.equal((await users("startswith(displayName,'a')", '&$top=0')).status, 400);
  });

  it('lists the bot in the org catalog under its manifest id', async () => {
    const filter = encodeURIComponent(`externalId eq '${DEMO_TEAMS_APP.manifestId}'`);
    const { body } = await graph(`/appCatalogs/teamsApps?$filter=${filter}&$select=id`);
    assert.deepEqual(body.value, [{ id: DEMO_TEAMS_APP.catalogId }]);
    tenant.setPermissions(DEMO_APP_PERMISSIONS.filter((permission) => permission !== 'AppCatalog.Read.All'));
    assert.equal((await graph('/appCatalogs/teamsApps')).status, 403);
  });

  it('installs only apps from its catalog: a manifest id is not a catalog id', async () => {
    const answer = await install(U.employee, DEMO_TEAMS_APP.manifestId);
    assert.deepEqual([answer.status, answer.body.error?.code], [404, 'NotFound']);
    assert.equal((await install(U.employee, DEMO_TEAMS_APP.catalogId)).status, 201);
  });

  it('refuses installs for a user whose policy blocks the app, until told otherwise', async () => {
    tenant.data.refuseAppInstalls(U.otherEmployee);
    const refused = await install(U.otherEmployee, DEMO_TEAMS_APP.catalogId);
    assert.deepEqual([refused.status, refused.body.error?.code], [403, 'Forbidden']);
    assert.deepEqual(tenant.data.appsInstalledFor(U.otherEmployee), []);
    tenant.data.refuseAppInstalls(U.otherEmployee, false);
    assert.equal((await install(U.otherEmployee, DEMO_TEAMS_APP.catalogId)).status, 201);
  });
});
