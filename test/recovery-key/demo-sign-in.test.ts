// The recovery key with the demo's real sign-in: the bot in local mode, its UserTokenClient
// (botframework-connector) pointed at the demo tenant's token service stand-in, the unchanged fresh
// sign-in gate (jose against the tenant's OpenID metadata) and the on-behalf-of exchange. Nothing is
// a seam: the person opens the sign-in link, picks an account, and types the code the page shows —
// as with the Bot Framework token service's magic code. Attacks are tried at the HTTP level.
import assert from 'node:assert/strict';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_DEVICE_IDS as D, DEMO_OAUTH_CONNECTION, type DemoTenant } from '../../src/demo/tenant';
import { BotUnderTest, type TestUser } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { textOf } from '../e2e/cards';
import { lastPersonalCard, users } from '../e2e/setup';

interface PcOwner {
  user: TestUser;
  deviceId: string;
  keyId: string;
  key: string;
}

async function startLocalBot(tenant: DemoTenant): Promise<BotUnderTest> {
  return BotUnderTest.start(
    { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    { env: { RECOVERY_KEY_POLICY: 'self', OAUTH_CONNECTION_NAME: DEMO_OAUTH_CONNECTION, BOT_TOKEN_SERVICE_URL: tenant.tokenServiceUrl } },
  );
}

/** A person with one Windows PC: Intune primary user and Entra registered owner, one OS-volume key. */
function newPcOwner(tenant: DemoTenant, n: number): PcOwner {
  const tag = String(n).padStart(4, '0');
  const userId = `e5a1c7d2-0000-4000-8000-0000000b${tag}`;
  const entraId = `aad0de51-0000-4000-8000-0000000b${tag}`;
  const deviceId = `d0c1e5a0-0000-4000-8000-0000000b${tag}`;
  const employee = tenant.data.user(users.employee.id);
  const pc = tenant.data.device(D.windowsPc);
  if (!employee || !pc) throw new Error('demo seed changed');
  tenant.data.putUser({ ...employee, id: userId, displayName: `Owner ${tag}`, userPrincipalName: `owner${tag}@contoso.example`, mail: `owner${tag}@contoso.example` });
  tenant.data.putDevice({ ...pc, id: deviceId, userId, azureADDeviceId: entraId, deviceName: `PC-${tag}` });
  tenant.bitlocker.setOwners(entraId, [userId]);
  const keyId = `5b${tag}cd-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;
  const key = `${tag}63-280148-535183-290180-634557-183403-069355-226072`;
  tenant.bitlocker.addKey({ id: keyId, deviceId: entraId, volumeType: 'operatingSystemVolume', createdDateTime: '2025-11-03T08:12:40Z', key });
  return { user: { id: userId, name: `Owner ${tag}` }, deviceId, keyId, key };
}

/** The Action.OpenUrl of a card: the sign-in link the token service gave the bot. */
function signInLinkOf(card: unknown): string {
  const found = JSON.stringify(card).match(/"type":"Action\.OpenUrl","title":"[^"]*","url":"([^"]+)"/);
  if (!found?.[1]) throw new Error(`no sign-in link on the card: ${textOf(card)}`);
  return found[1];
}

/** The person in the browser: opens the link, presses "Sign in as <account>", reads the code. */
async function signInOnPage(link: string, accountId: string): Promise<{ page: string; code: string | undefined }> {
  const page = await (await fetch(link)).text();
  const signin = new URL(link).searchParams.get('signin') ?? '';
  const answer = await fetch(new URL('/api/oauth/signin', link), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signin, user: accountId }).toString(),
  });
  const code = /id="magic-code">(\d{6})</.exec(await answer.text())?.[1];
  return { page, code };
}

describe('recovery key through the demo token service and sign-in page (local mode, no seams)', () => {
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let people = 0;

  before(async () => {
    tenant = await startTestTenant();
    bot = await startLocalBot(tenant);
  });
  after(async () => {
    await bot?.stop();
    await tenant?.stop();
  });
  beforeEach(() => tenant.resetLog());

  const owner = (): PcOwner => newPcOwner(tenant, ++people);
  const keyReads = (): number => tenant.requests.filter((r) => r.path.startsWith('/informationProtection/bitlocker/recoveryKeys/') && r.query.$select === 'key').length;
  const holding = (secret: string) => bot.connector.events.filter((e) => JSON.stringify(e.activity).includes(secret));

  /** "BitLocker recovery key" → Key ID typed → Show: the card that asks for a sign-in, with its link. */
  async function askAndGetSignInLink(pc: PcOwner): Promise<string> {
    await bot.say(pc.user, 'BitLocker recovery key');
    lastPersonalCard({ tenant, bot }, pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8) });
    return signInLinkOf(answer.body?.value);
  }

  it('asks for a sign-in with the token service link, then shows the key after the page code is typed', async () => {
    const pc = owner();
    const link = await askAndGetSignInLink(pc);
    assert.ok(link.startsWith(`${tenant.tokenServiceUrl}/api/oauth/signin?signin=`), link);
    assert.equal(keyReads(), 0, 'no key before the sign-in');
    const { page, code } = await signInOnPage(link, pc.user.id);
    assert.match(page, new RegExp(`Sign in as ${pc.user.name}`), 'the page offers the chat user first');
    assert.ok(code, 'the page shows a six-digit code');
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8), signInCode: code });
    assert.match(textOf(answer.body?.value), /next message/);
    assert.equal(holding(pc.key).length, 1, 'one message holds the key');
    assert.equal(keyReads(), 1);
    assert.equal(tenant.bitlocker.audit.at(-1)?.userId, pc.user.id, 'Entra audited the read as the signed-in user');
    assert.ok(tenant.authorityRequests.some((r) => r.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && r.status === 200), 'exchanged on behalf of the user');
    const userToken = ((await (await heldToken(tenant, pc.user)).json()) as { token: string }).token;
    const logged = bot.lines.join('\n');
    for (const secret of [userToken, userToken.split('.')[2] ?? userToken, pc.key]) assert.ok(!logged.includes(secret), 'no log line holds the user token or the key');
  });

  it("gives B nothing for A's code: a code redeems only the sign-in of the chat its link came from", async () => {
    const a = owner();
    const b = owner();
    const { code } = await signInOnPage(await askAndGetSignInLink(a), a.user.id);
    await askAndGetSignInLink(b);
    const answer = await bot.invoke(b.user, 'showRecoveryKey', { deviceId: b.deviceId, keyId: b.keyId.slice(0, 8), signInCode: code });
    assert.ok(signInLinkOf(answer.body?.value), 'B is asked to sign in again');
    assert.equal((await heldToken(tenant, b.user)).status, 404, 'the token service holds no token for B');
    assert.equal(keyReads(), 0);
    assert.equal(holding(b.key).length + holding(a.key).length, 0);
    const forA = await bot.invoke(a.user, 'showRecoveryKey', { deviceId: a.deviceId, keyId: a.keyId.slice(0, 8), signInCode: code });
    assert.match(textOf(forA.body?.value), /next message/, 'the code still works in the chat it was made for');
  });

  it("gives B nothing when A completes B's sign-in link with A's own account and B is talked into typing the code", async () => {
    const a = owner();
    const b = owner();
    const { code } = await signInOnPage(await askAndGetSignInLink(b), a.user.id);
    const answer = await bot.invoke(b.user, 'showRecoveryKey', { deviceId: b.deviceId, keyId: b.keyId.slice(0, 8), signInCode: code });
    assert.ok(signInLinkOf(answer.body?.value), 'the token names A, the chat is B: sign in again');
    assert.equal(keyReads(), 0);
    assert.ok(bot.lines.some((line) => line.includes('fresh sign-in asked for') && line.includes('otherUser')));
  });

  it("lets A's signed-in token read nothing of B: not through the bot, not straight at Graph", async () => {
    const a = owner();
    const b = owner();
    const { code } = await signInOnPage(await askAndGetSignInLink(a), a.user.id);
    // A hand-writes the click with B's device and B's Key ID.
    const answer = await bot.invoke(a.user, 'showRecoveryKey', { deviceId: b.deviceId, keyId: b.keyId.slice(0, 8), signInCode: code });
    assert.doesNotMatch(textOf(answer.body?.value), /next message/);
    assert.equal(holding(b.key).length, 0);
    // A takes the token the service handed out for A and exchanges it at the tenant: Graph still refuses B's key.
    const held = await heldToken(tenant, a.user);
    const userToken = ((await held.json()) as { token: string }).token;
    const delegated = await exchange(tenant, userToken);
    const read = await fetch(`${tenant.graphEndpoint}/v1.0/informationProtection/bitlocker/recoveryKeys/${b.keyId}?$select=key`, { headers: { authorization: `Bearer ${delegated}` } });
    assert.equal(read.status, 403);
    assert.ok(!(await read.text()).includes(b.key));
  });

  it('turns down a wrong code once and throws the waiting sign-in away (a code cannot be guessed)', async () => {
    const pc = owner();
    const { code } = await signInOnPage(await askAndGetSignInLink(pc), pc.user.id);
    const wrong = code === '000000' ? '000001' : '000000';
    await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8), signInCode: wrong });
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8), signInCode: code });
    assert.ok(signInLinkOf(answer.body?.value));
    assert.equal(keyReads(), 0);
  });
});

describe('recovery key when the token service hands over a token for another app (audience)', () => {
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  before(async () => {
    tenant = await startTestTenant({ ssoAppId: 'ffffffff-0000-4000-8000-00000000a0d1' });
    bot = await startLocalBot(tenant);
  });
  after(async () => {
    await bot?.stop();
    await tenant?.stop();
  });

  it('refuses the token, signed by the right tenant but for another audience, and reads no key', async () => {
    const pc = newPcOwner(tenant, 1);
    await bot.say(pc.user, 'BitLocker recovery key');
    const first = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8) });
    const { code } = await signInOnPage(signInLinkOf(first.body?.value), pc.user.id);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.keyId.slice(0, 8), signInCode: code });
    assert.ok(signInLinkOf(answer.body?.value), 'asked to sign in again');
    assert.ok(bot.lines.some((line) => line.includes('user token refused') && line.includes('wrongAudience')));
    assert.equal(tenant.requests.filter((r) => r.path.startsWith('/informationProtection/bitlocker/recoveryKeys/')).length, 0);
    assert.ok(!tenant.authorityRequests.some((r) => r.grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer'), 'never exchanged');
  });
});

/** GET api/usertoken/GetToken as UserTokenClient asks it (no code): the token the service holds for the chat user. */
function heldToken(tenant: DemoTenant, user: TestUser): Promise<Response> {
  const query = new URLSearchParams({ userId: `29:${user.id}`, connectionName: DEMO_OAUTH_CONNECTION, channelId: 'msteams' });
  return fetch(`${tenant.tokenServiceUrl}/api/usertoken/GetToken?${query.toString()}`);
}

/** The on-behalf-of exchange as the bot's app makes it (client secret), by hand. */
async function exchange(tenant: DemoTenant, assertion: string): Promise<string> {
  const response = await fetch(`${tenant.authorityHost}/${tenant.tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      client_id: DEMO_CLIENT_ID,
      client_secret: DEMO_CLIENT_SECRET,
      assertion,
      scope: `${tenant.graphEndpoint}/.default`,
      requested_token_use: 'on_behalf_of',
    }).toString(),
  });
  assert.equal(response.status, 200);
  return ((await response.json()) as { access_token: string }).access_token;
}
