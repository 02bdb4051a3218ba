// The demo tenant's stand-in for the Bot Framework token service, spoken to as botframework-connector
// speaks to the real one: its sign-in state is made by UserTokenClient.createTokenExchangeState and
// the answers are read against the TokenApiClient's mappers (SignInUrlResponse: signInLink,
// tokenExchangeResource; TokenResponse: channelId, connectionName, token, expiration). The user token
// is checked with jose against the tenant's published keys, as the bot's gate checks it.
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { UserTokenClient } from 'botframework-connector';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { DEMO_CLIENT_ID, DEMO_OAUTH_CONNECTION, DEMO_TENANT_ID, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { startTestTenant } from '../support/demo-tenant';

const CHAT_USER = `29:${DEMO_USER_IDS.employee}`;

/** The library's own state builder (protected static), as UserTokenClientImpl.getSignInResource calls it. */
abstract class ExchangeState extends UserTokenClient {
  static of(appId: string, connectionName: string, activity: Activity): string {
    return UserTokenClient.createTokenExchangeState(appId, connectionName, activity);
  }
}

function stateFor(connectionName = DEMO_OAUTH_CONNECTION): string {
  const activity = {
    type: 'invoke', channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', id: 'a1',
    from: { id: CHAT_USER, name: 'Chen Mei-Ling', aadObjectId: DEMO_USER_IDS.employee },
    recipient: { id: '28:bot', name: 'PIN reset' },
    conversation: { id: 'a:personal', isGroup: false, conversationType: 'personal', name: '' },
  };
  return ExchangeState.of('', connectionName, activity as unknown as Activity);
}

describe('demo token service (stand-in for the Bot Framework token service)', () => {
  let tenant: DemoTenant;
  before(async () => (tenant = await startTestTenant()));
  after(async () => tenant?.stop());

  const signInResource = (state: string) => fetch(`${tenant.tokenServiceUrl}/api/botsignin/GetSignInResource?state=${encodeURIComponent(state)}`);
  const getToken = (code?: string) =>
    fetch(`${tenant.tokenServiceUrl}/api/usertoken/GetToken?${new URLSearchParams({ userId: CHAT_USER, connectionName: DEMO_OAUTH_CONNECTION, channelId: 'msteams', ...(code ? { code } : {}) }).toString()}`);
  const signIn = (signin: string, user: string) =>
    fetch(`${tenant.tokenServiceUrl}/api/oauth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ signin, user }).toString(),
    });

  it('answers GetSignInResource with a sign-in link of its own and refuses an unknown connection', async () => {
    const answer = await signInResource(stateFor());
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { signInLink: string; tokenExchangeResource: { uri: string } };
    assert.match(body.signInLink, new RegExp(`^${tenant.tokenServiceUrl}/api/oauth/signin\\?signin=[0-9a-f-]{36}$`));
    assert.equal(body.tokenExchangeResource.uri, `api://${DEMO_CLIENT_ID}`);
    assert.equal((await signInResource(stateFor('SomeoneElsesConnection'))).status, 400);
    assert.equal((await signInResource('not base64 json')).status, 400);
  });

  it('holds no token before a sign-in (404, as the real service answers)', async () => {
    assert.equal((await getToken()).status, 404);
  });

  it('after the page and its code: a TokenResponse whose token the tenant signed for the SSO app, with a fresh auth_time', async () => {
    const { signInLink } = (await (await signInResource(stateFor())).json()) as { signInLink: string };
    const signin = new URL(signInLink).searchParams.get('signin') ?? '';
    const page = await (await signIn(signin, DEMO_USER_IDS.employee)).text();
    const code = /id="magic-code">(\d{6})</.exec(page)?.[1] ?? '';
    const answer = await getToken(code);
    assert.equal(answer.status, 200);
    const body = (await answer.json()) as { channelId: string; connectionName: string; token: string; expiration: string };
    assert.equal(body.channelId, 'msteams');
    assert.equal(body.connectionName, DEMO_OAUTH_CONNECTION);
    assert.ok(Date.parse(body.expiration) > Date.now());
    const issuer = `${tenant.authorityHost}/${DEMO_TENANT_ID}/v2.0`;
    const keys = createRemoteJWKSet(new URL(`${tenant.authorityHost}/${DEMO_TENANT_ID}/discovery/v2.0/keys`));
    const { payload, protectedHeader } = await jwtVerify(body.token, keys, { issuer, audience: DEMO_CLIENT_ID, algorithms: ['RS256'] });
    assert.ok(protectedHeader.kid);
    assert.equal(payload['tid'], DEMO_TENANT_ID);
    assert.equal(payload['oid'], DEMO_USER_IDS.employee);
    assert.ok(Math.abs(Number(payload['auth_time']) - Date.now() / 1000) < 120, 'signed in just now');
    assert.equal((await getToken()).status, 200, 'held afterwards without a code');
  });

  it('takes a sign-in link once: replaying it signs nobody in', async () => {
    const { signInLink } = (await (await signInResource(stateFor())).json()) as { signInLink: string };
    const signin = new URL(signInLink).searchParams.get('signin') ?? '';
    assert.equal((await signIn(signin, DEMO_USER_IDS.employee)).status, 200);
    const replay = await signIn(signin, DEMO_USER_IDS.otherEmployee);
    assert.equal(replay.status, 404);
    assert.doesNotMatch(await replay.text(), /magic-code/);
    assert.equal((await fetch(signInLink)).status, 404, 'the page is gone too');
  });

  it('escapes what it writes into the page', async () => {
    const employee = tenant.data.user(DEMO_USER_IDS.employee);
    if (!employee) throw new Error('demo seed changed');
    tenant.data.putUser({ ...employee, displayName: '<script>alert(1)</script>' });
    try {
      const { signInLink } = (await (await signInResource(stateFor())).json()) as { signInLink: string };
      const html = await (await fetch(signInLink)).text();
      assert.ok(!html.includes('<script>alert(1)'));
      assert.ok(html.includes('&lt;script&gt;'));
    } finally {
      tenant.data.putUser(employee);
    }
  });
});
