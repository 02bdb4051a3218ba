// The BitLocker recovery key through the real bot (restify, CloudAdapter, SQLite), the real Graph
// client and the demo tenant, whose Entra part enforces what Microsoft Learn documents for
// bitlockerRecoveryKey: delegated callers only, registered owners only (or admins), the tenant's
// "Restrict users from recovering the BitLocker key(s) for their owned devices" switch, and an
// audit entry per `$select=key` read. Only the fresh sign-in is a stand-in: the Bot Framework token
// service cannot be reached from a test, so the gate hands over the token the demo tenant issues
// the way the Azure Bot OAuth connection would (its verification is tested in test/security).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { TurnContext } from 'botbuilder';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_DEVICE_IDS as D, type DemoTenant } from '../../src/demo/tenant';
import type { FreshSignIn } from '../../src/bot/fresh-signin';
import { BotUnderTest, type TestUser } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { buttonsOf, textOf } from '../e2e/cards';
import { lastPersonalCard, users } from '../e2e/setup';
import { demoRecoveryKeySettings } from './support/settings';

const MAX_ATTEMPTS = 3;

/** The sign-in the OAuth connection would report: fresh (with the user's token), or not. */
class SignInStandIn {
  mode: 'fresh' | 'stale' | 'expiredToken' = 'fresh';
  readonly maxAgeMs = 5 * 60_000;
  constructor(private readonly tenant: DemoTenant) {}
  async signIn(context: TurnContext): Promise<FreshSignIn> {
    const userId = context.activity.from.aadObjectId ?? '';
    if (this.mode === 'stale') return { kind: 'signInNeeded', signInLink: 'https://token.botframework.com/api/oauth/signin?signin=demo' };
    return { kind: 'fresh', userToken: this.tenant.signInUser(userId, this.mode === 'expiredToken' ? { lifetimeSeconds: 0 } : {}) };
  }
  async signInLink(): Promise<string> {
    return 'https://token.botframework.com/api/oauth/signin?signin=again';
  }
}

describe('BitLocker recovery key in a personal chat (real bot, Graph client, demo tenant, SQLite)', () => {
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let signIn: SignInStandIn;

  before(async () => {
    tenant = await startTestTenant();
    signIn = new SignInStandIn(tenant);
    bot = await BotUnderTest.start(
      { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      {
        env: { PASSCODE_VISIBLE_MINUTES: '0.02' },
        configure: (config) => ({
          ...config,
          recoveryKey: demoRecoveryKeySettings('self', tenant.authorityHost, MAX_ATTEMPTS),
        }),
        seams: { recoveryKeySignIn: signIn },
      },
    );
  });
  after(async () => {
    await bot?.stop();
    await tenant?.stop();
  });
  beforeEach(() => {
    tenant.resetLog();
    signIn.mode = 'fresh';
    tenant.bitlocker.selfServiceAllowed = true;
  });

  let people = 0;
  /** A new person with one Windows PC (Intune primary user and Entra registered owner) and its two keys. */
  function newPcOwner(): { user: TestUser; deviceId: string; entraId: string; osKeyId: string; osKey: string; dataKey: string } {
    people += 1;
    const n = String(people).padStart(4, '0');
    const userId = `e5a1c7d2-0000-4000-8000-0000000a${n}`;
    const deviceId = `d0c1e5a0-0000-4000-8000-0000000a${n}`;
    const entraId = `aad0de51-0000-4000-8000-0000000a${n}`;
    const osKeyId = `7b${n}cd-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;
    const osKey = `${n}63-280148-535183-290180-634557-183403-069355-226072`;
    const dataKey = `${n}71-631730-201146-478203-542311-709432-118657-360024`;
    const employee = tenant.data.user(users.employee.id);
    const pc = tenant.data.device(D.windowsPc);
    if (!employee || !pc) throw new Error('demo seed changed');
    tenant.data.putUser({ ...employee, id: userId, userPrincipalName: `owner${n}@contoso.example`, mail: `owner${n}@contoso.example` });
    tenant.data.putDevice({ ...pc, id: deviceId, userId, azureADDeviceId: entraId, deviceName: `PC-${n}` });
    tenant.bitlocker.setOwners(entraId, [userId]);
    tenant.bitlocker.addKey({ id: osKeyId, deviceId: entraId, volumeType: 'operatingSystemVolume', createdDateTime: '2025-11-03T08:12:40Z', key: osKey });
    tenant.bitlocker.addKey({ id: `9c${n}dc-5b4a-4392-8170-6f5e4d3c2b1a`, deviceId: entraId, volumeType: 'fixedDataVolume', createdDateTime: '2025-11-03T08:13:02Z', key: dataKey });
    return { user: { id: userId, name: `Owner ${n}` }, deviceId, entraId, osKeyId, osKey, dataKey };
  }

  async function askForKey(user: TestUser, text = 'my laptop asks for a BitLocker recovery key', locale = 'en-US') {
    await bot.say(user, text, { locale });
    return lastPersonalCard({ tenant, bot }, user);
  }

  function keyReads(): number {
    return tenant.requests.filter((r) => r.path.startsWith('/informationProtection/bitlocker/recoveryKeys/') && r.query.$select === 'key').length;
  }

  function bitlockerCalls(): number {
    return tenant.requests.filter((r) => r.path.startsWith('/informationProtection/')).length;
  }

  function eventsHolding(secret: string) {
    return bot.connector.events.filter((e) => JSON.stringify(e.activity).includes(secret));
  }

  /** Any 48-digit recovery password in what the bot sent, answered or logged since `from`. */
  function anyKeyIn(text: string): boolean {
    return /\d{6}(-\d{6}){7}/.test(text);
  }

  it('shows the owner the one key whose id matches, in its own personal-chat message, and hides it later', async () => {
    const pc = newPcOwner();
    const { card, activityId } = await askForKey(pc.user);
    assert.match(textOf(card), /Recovery key ID/);
    const show = buttonsOf(card).find((b) => b.verb === 'showRecoveryKey');
    assert.deepEqual(show?.data, { deviceId: pc.deviceId }, 'the one Windows PC is asked about at once');
    const typed = pc.osKeyId.slice(0, 8).toUpperCase();
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: typed }, { replyToId: activityId });
    assert.match(textOf(answer.body?.value), /next message/);
    assert.ok(!anyKeyIn(JSON.stringify(answer.body)), 'the clicked card never holds the key');
    const shown = eventsHolding(pc.osKey);
    assert.equal(shown.length, 1, 'one message holds the key');
    assert.equal(shown[0]?.conversationId, bot.personalConversationOf(pc.user));
    assert.ok(shown[0]?.kind === 'send' || shown[0]?.kind === 'reply', 'a new message, not an update of a card');
    assert.notEqual(shown[0]?.activityId, activityId);
    assert.ok(!anyKeyIn(JSON.stringify(shown[0]?.activity['summary'] ?? '')), 'no key in the notification text');
    assert.equal(eventsHolding(pc.dataKey).length, 0, 'never the other key of the same PC');
    assert.equal(keyReads(), 1);
    assert.deepEqual(tenant.bitlocker.audit.at(-1), { ...tenant.bitlocker.audit.at(-1), keyId: pc.osKeyId, userId: pc.user.id }, 'Entra audited the one read as the user');
    const messageId = shown[0]?.activityId;
    await bot.settle(() => bot.connector.events.some((e) => e.kind === 'update' && e.activityId === messageId));
    const hidden = bot.connector.events.filter((e) => e.kind === 'update' && e.activityId === messageId).at(-1);
    assert.ok(hidden && !anyKeyIn(JSON.stringify(hidden.activity)));
    assert.match(textOf(hidden.activity['attachments']), /now hidden/);
    const events = await bot.store.recoveryKeyEventsOf(pc.user.id);
    assert.deepEqual(events.map((e) => [e.outcome, e.managedDeviceId, e.keyId]), [['shown', pc.deviceId, pc.osKeyId]]);
    await bot.settle(async () => !(await bot.store.recoveryKeysStillShown()).some((e) => e.requesterId === pc.user.id));
  });

  it('answers “BitLocker 修復金鑰” in Chinese with the Key ID card', async () => {
    const pc = newPcOwner();
    const { card } = await askForKey(pc.user, 'BitLocker 修復金鑰', 'zh-TW');
    assert.match(textOf(card), /修復金鑰識別碼/);
  });

  it('never writes the key to a log line or the SQLite file', async () => {
    const pc = newPcOwner();
    await askForKey(pc.user);
    await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId });
    assert.equal(eventsHolding(pc.osKey).length, 1, 'the key reached the requester');
    assert.ok(!bot.lines.join('\n').includes(pc.osKey), 'no log line holds the key');
    assert.ok(!anyKeyIn(bot.lines.join('\n')), 'no log line holds any key');
    assert.ok(bot.lines.some((line) => line.includes('recovery key shown')), 'the showing itself is logged');
    const db = Buffer.concat([readFileSync(bot.storePath), readOptional(`${bot.storePath}-wal`)]);
    for (const digits of [pc.osKey, pc.osKey.replaceAll('-', ''), pc.osKey.slice(0, 20)]) assert.ok(!db.includes(Buffer.from(digits)), 'the database holds no key');
  });

  it('says a wrong Key ID is wrong, shows nothing and counts it toward the daily limit', async () => {
    const pc = newPcOwner();
    await askForKey(pc.user);
    const from = bot.connector.events.length;
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: 'deadbeef' });
    assert.match(textOf(answer.body?.value), /No recovery key of this PC has that Key ID/);
    assert.match(textOf(answer.body?.value), new RegExp(`Attempts left today: ${MAX_ATTEMPTS - 1}`));
    assert.equal(keyReads(), 0, 'no key was read');
    assert.ok(!anyKeyIn(JSON.stringify(bot.connector.events.slice(from))), 'nothing sent holds a key');
    const events = await bot.store.recoveryKeyEventsOf(pc.user.id);
    assert.deepEqual(events.map((e) => [e.outcome, e.keyId]), [['wrongKeyId', null]], 'a wrong id typed by a person is not kept');
  });

  it('refuses, before any Graph call, once the daily limit of attempts is used up', async () => {
    const pc = newPcOwner();
    await askForKey(pc.user);
    for (let i = 0; i < MAX_ATTEMPTS; i += 1) await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: 'feedf00d' });
    tenant.resetLog();
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), new RegExp(`limit of ${MAX_ATTEMPTS} recovery key attempts`));
    assert.equal(tenant.requests.length, 0, 'not even Intune was asked');
    assert.equal(eventsHolding(pc.osKey).length, 0);
  });

  it('gives nothing when Entra says the user is not a registered owner, although Intune names them primary user', async () => {
    const pc = newPcOwner();
    tenant.bitlocker.setOwners(pc.entraId, [users.other.id]);
    await askForKey(pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /not registered as its owner/);
    assert.equal(keyReads(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
    assert.equal((await bot.store.recoveryKeyEventsOf(pc.user.id)).at(-1)?.outcome, 'notAllowed');
  });

  it('gives nothing when the tenant restricts users from recovering their own keys, and offers the helpdesk', async () => {
    const pc = newPcOwner();
    tenant.bitlocker.selfServiceAllowed = false;
    await askForKey(pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /contact the helpdesk/);
    assert.equal(eventsHolding(pc.osKey).length, 0);
  });

  it('asks for a fresh sign-in first and reads nothing until then', async () => {
    const pc = newPcOwner();
    signIn.mode = 'stale';
    await askForKey(pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /sign in again before a recovery key is shown/);
    assert.equal(bitlockerCalls(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
    const input = JSON.stringify(answer.body?.value);
    assert.ok(input.includes(pc.osKeyId.slice(0, 8).toUpperCase()), 'the Key ID typed stays in the box');
  });

  it('asks for a sign-in again when Entra will not exchange an expired token, and shows nothing', async () => {
    const pc = newPcOwner();
    signIn.mode = 'expiredToken';
    await askForKey(pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /sign in again/);
    assert.equal(bitlockerCalls(), 0);
    assert.equal(eventsHolding(pc.osKey).length, 0);
  });

  it('gives nothing to someone who sends the id of another person’s PC (card data is not trusted)', async () => {
    const pc = newPcOwner();
    await bot.say(users.other, 'hello');
    const answer = await bot.invoke(users.other, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /does not list you as the primary user/);
    assert.equal(bitlockerCalls(), 0, 'no BitLocker call at all');
  });

  it('sends the key nowhere when the personal chat is not known yet, and logs no key', async () => {
    const pc = newPcOwner();
    // No message first: the bot has no stored personal chat for this person, only this click.
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) });
    assert.match(textOf(answer.body?.value), /could not be sent to this chat/);
    assert.equal(eventsHolding(pc.osKey).length, 0);
    assert.ok(!bot.lines.join('\n').includes(pc.osKey));
    assert.ok(bot.lines.some((line) => line.includes('recovery key could not be delivered')));
  });

  it('never answers with a key in a channel', async () => {
    const pc = newPcOwner();
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: pc.osKeyId.slice(0, 8) }, { conversationType: 'channel', channelId: '19:helpdesk@thread.tacv2' });
    assert.ok(!anyKeyIn(JSON.stringify(answer.body)));
    assert.equal(tenant.requests.length, 0);
    assert.match(textOf(answer.body?.value), /personal chat/i);
  });

  it('refuses a Key ID that is not 8 hex characters without asking Entra', async () => {
    const pc = newPcOwner();
    await askForKey(pc.user);
    const answer = await bot.invoke(pc.user, 'showRecoveryKey', { deviceId: pc.deviceId, keyId: "1a2b' or 1 eq 1" });
    assert.match(textOf(answer.body?.value), /first 8 characters of the Key ID/);
    assert.equal(bitlockerCalls(), 0);
  });

  it('names the recovery key on the help card', async () => {
    const pc = newPcOwner();
    await bot.say(pc.user, 'help');
    assert.match(textOf(lastPersonalCard({ tenant, bot }, pc.user).card), /BitLocker recovery key of your Windows PC/);
  });

  it('offers the recovery key on the Windows guidance card of “reset my PIN”', async () => {
    const pc = newPcOwner();
    await bot.say(pc.user, 'reset my PIN');
    const { card } = lastPersonalCard({ tenant, bot }, pc.user);
    assert.match(textOf(card), /I forgot my PIN/);
    const start = buttonsOf(card).find((b) => b.verb === 'startRecoveryKey');
    assert.ok(start, 'the guidance card has the recovery-key button');
    const answer = await bot.invoke(pc.user, 'startRecoveryKey', start.data);
    assert.ok(buttonsOf(answer.body?.value).some((b) => b.verb === 'showRecoveryKey'));
  });
});

function readOptional(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error: unknown) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
