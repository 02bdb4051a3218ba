import assert from 'node:assert/strict';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, type DemoTenant } from '../../src/demo/tenant';
import type { Clock } from '../../src/reset/ports';
import { BotUnderTest, type TestUser } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { PerPersonLimit } from '../../src/bot/message-limit';
import { textOf } from '../e2e/cards';
import { users } from '../e2e/setup';

/*
 * The attack (issue 15, "Ways in" 5): one user (or one stolen Teams session) sends 2,000 messages,
 * each a Graph read, and spends the tenant's shared Intune budget — 2,000 requests per 20 seconds
 * per app per tenant (Microsoft Learn, "Microsoft Graph service-specific throttling limits",
 * Intune) — so nobody else's reset gets through. Messages that cost a Graph request are limited per
 * person per minute; the excess is answered with a "slow down" card and reaches no Graph at all.
 */
const LIMIT = 5;
const SLOW_DOWN = /slow down/i;

describe('per-user limit on messages that cost a Graph request', () => {
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let now = Date.now();
  const clock: Clock = { now: () => new Date(now) };

  before(async () => {
    tenant = await startTestTenant();
    bot = await BotUnderTest.start(
      { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      { env: { MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: String(LIMIT) }, clock },
    );
  });
  after(async () => {
    await bot?.stop();
    await tenant?.stop();
  });

  /** Graph requests made on behalf of `user` (their device list and anything else naming them). */
  function graphRequestsFor(user: TestUser): number {
    return tenant.requests.filter((request) => request.path.includes(user.id)).length;
  }

  async function say(user: TestUser, text: string): Promise<string> {
    const before = bot.connector.events.length;
    assert.equal(await bot.say(user, text), 200);
    const replies = bot.connector.events.slice(before);
    assert.equal(replies.length, 1);
    return textOf(replies[0]?.activity);
  }

  it('answers 50 "reset my PIN" from one user with at most the limit of Graph requests, the rest with the slow-down card', async () => {
    const answers: string[] = [];
    for (let i = 0; i < 50; i += 1) answers.push(await say(users.noDevice, 'reset my PIN'));
    const perMessage = 1; // GET /users/{id}/managedDevices: no devices, nothing more to read
    assert.equal(graphRequestsFor(users.noDevice), LIMIT * perMessage);
    assert.equal(answers.filter((text) => SLOW_DOWN.test(text)).length, 50 - LIMIT);
    assert.ok(answers.slice(0, LIMIT).every((text) => !SLOW_DOWN.test(text)));
  });

  it('leaves another user unaffected', async () => {
    const text = await say(users.employee, 'reset my PIN');
    assert.doesNotMatch(text, SLOW_DOWN);
    assert.ok(graphRequestsFor(users.employee) > 0);
  });

  it('counts card clicks that reach Graph too', async () => {
    const before = tenant.requests.length;
    const answers: string[] = [];
    for (let i = 0; i < 20; i += 1) answers.push(textOf((await bot.invoke(users.other, 'startReset', {})).body?.value));
    assert.equal(answers.filter((text) => SLOW_DOWN.test(text)).length, 20 - LIMIT);
    const perClick = graphRequestsFor(users.other) / LIMIT;
    assert.ok(Number.isInteger(perClick) && perClick >= 1, `${graphRequestsFor(users.other)} requests`);
    assert.ok(tenant.requests.length - before <= LIMIT * perClick);
  });

  it('answers in Traditional Chinese for a zh-TW user', async () => {
    // 忘記手機密碼 names the phone, so it goes straight to the device list (a Graph read); 忘記密碼
    // alone first asks which password and costs nothing (README "Which password?").
    const text = await say(users.noDevice, '忘記手機密碼');
    assert.doesNotMatch(text, SLOW_DOWN);
    assert.match(text, /太快/);
  });

  it('lets the user through again a minute later (manual clock), and costs nothing that does not reach Graph', async () => {
    assert.doesNotMatch(await say(users.noDevice, 'help'), SLOW_DOWN);
    now += 61_000;
    const before = graphRequestsFor(users.noDevice);
    assert.doesNotMatch(await say(users.noDevice, 'reset my PIN'), SLOW_DOWN);
    assert.equal(graphRequestsFor(users.noDevice), before + 1);
  });

  // "Show passcode again" reads the device and its action results; a recovery-key message or click
  // reads the devices (and Entra). Both are Graph work, so both count.
  it('counts "Show passcode again" clicks and recovery-key messages and clicks too', async () => {
    now += 61_000;
    const clicks: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const answer = await bot.invoke(users.employee, 'showPasscodeAgain', { requestId: '0b1f2e3d-4c5b-4a69-8877-665544332211' });
      clicks.push(textOf(answer.body?.value));
    }
    assert.equal(clicks.filter((text) => SLOW_DOWN.test(text)).length, 12 - LIMIT);
    now += 61_000;
    const messages: string[] = [];
    for (let i = 0; i < 12; i += 1) messages.push(await say(users.employee, 'BitLocker recovery key'));
    assert.equal(messages.filter((text) => SLOW_DOWN.test(text)).length, 12 - LIMIT);
    now += 61_000;
    const keyClicks: string[] = [];
    for (let i = 0; i < 12; i += 1) keyClicks.push(textOf((await bot.invoke(users.employee, 'startRecoveryKey', {})).body?.value));
    assert.equal(keyClicks.filter((text) => SLOW_DOWN.test(text)).length, 12 - LIMIT);
  });
});

describe('the per-person limit itself (in memory, per instance)', () => {
  it('slides: a minute after the first of N messages, one more is allowed, not N', () => {
    let now = 0;
    const limit = new PerPersonLimit(3, { now: () => new Date(now) });
    for (const at of [0, 10_000, 20_000]) {
      now = at;
      assert.equal(limit.take('alice'), true);
    }
    now = 59_999;
    assert.equal(limit.take('alice'), false);
    now = 60_001;
    assert.equal(limit.take('alice'), true);
    assert.equal(limit.take('alice'), false);
  });

  it('remembers at most 10,000 people: a flood of new ids cannot grow memory without bound', () => {
    const limit = new PerPersonLimit(1, { now: () => new Date(0) });
    assert.equal(limit.take('first'), true);
    assert.equal(limit.take('first'), false);
    for (let i = 0; i < 10_000; i += 1) limit.take(`someone-${i}`);
    // The least recently seen person was forgotten to make room.
    assert.equal(limit.take('first'), true);
  });
});
