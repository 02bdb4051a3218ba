import assert from 'node:assert/strict';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, type DemoTenant } from '../../src/demo/tenant';
import { startTestTenant } from '../support/demo-tenant';

describe('the demo tenant’s token endpoint', () => {
  let tenant: DemoTenant;

  before(async () => {
    tenant = await startTestTenant();
  });
  after(() => tenant.stop());

  const requestToken = (overrides: Record<string, string> = {}, tenantId: string = DEMO_TENANT_ID): Promise<Response> =>
    fetch(`${tenant.authorityHost}/${tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: DEMO_CLIENT_ID,
        client_secret: DEMO_CLIENT_SECRET,
        scope: `${tenant.graphEndpoint}/.default`,
        ...overrides,
      }),
    });

  it('serves OpenID metadata over https, pointing at its own token endpoint', async () => {
    assert.match(tenant.authorityHost, /^https:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${tenant.authorityHost}/${DEMO_TENANT_ID}/v2.0/.well-known/openid-configuration`);
    assert.equal(response.status, 200);
    const metadata = (await response.json()) as Record<string, string>;
    assert.equal(metadata.token_endpoint, `${tenant.authorityHost}/${DEMO_TENANT_ID}/oauth2/v2.0/token`);
    assert.equal(metadata.issuer, `${tenant.authorityHost}/${DEMO_TENANT_ID}/v2.0`);
    assert.ok(metadata.authorization_endpoint && metadata.jwks_uri);
  });

  it('issues a bearer token for the client credentials grant and the Graph endpoint’s .default scope', async () => {
    const response = await requestToken();
    assert.equal(response.status, 200);
    const body = (await response.json()) as { token_type: string; expires_in: number; access_token: string };
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3599);
    assert.ok(body.access_token.length > 20);
  });

  it('refuses a wrong client secret with invalid_client', async () => {
    const response = await requestToken({ client_secret: 'guess' });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: string; error_codes: number[] };
    assert.equal(body.error, 'invalid_client');
    assert.deepEqual(body.error_codes, [7000215]);
  });

  it('refuses an unknown client id, another scope, another grant and another tenant', async () => {
    const errors = await Promise.all([
      requestToken({ client_id: '11111111-0000-4000-8000-000000000000' }),
      requestToken({ scope: 'https://graph.microsoft.com/.default' }),
      requestToken({ grant_type: 'password' }),
      requestToken({}, '22222222-0000-4000-8000-000000000000'),
    ].map(async (pending) => {
      const response = await pending;
      return [response.status, ((await response.json()) as { error: string }).error];
    }));
    assert.deepEqual(errors, [
      [400, 'unauthorized_client'],
      [400, 'invalid_scope'],
      [400, 'unsupported_grant_type'],
      [400, 'invalid_tenant'],
    ]);
  });

  it('records what was asked for but never the secret', async () => {
    tenant.resetLog();
    await requestToken();
    assert.equal(tenant.authorityRequests.length, 1);
    assert.equal(tenant.authorityRequests[0].scope, `${tenant.graphEndpoint}/.default`);
    assert.ok(!JSON.stringify(tenant.authorityRequests).includes(DEMO_CLIENT_SECRET));
  });
});
