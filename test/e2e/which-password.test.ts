// "忘記密碼" / "I forgot my password" usually means the work account (Entra) password: the zh-TW
// Microsoft sign-in page labels its self-service password reset link 忘記密碼 (Microsoft Learn,
// "Reset your work or school password using security info"). Removing an iPhone passcode for
// someone who forgot that password is harm, so the bot asks first and lists no device until told.
import assert from 'node:assert/strict';
import { buttonsOf, textOf } from './cards';
import { button, graphCalls, lastPersonalCard, startWorld, stopWorld, users, type World } from './setup';

function openUrls(card: unknown): string[] {
  const urls: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record['type'] === 'Action.OpenUrl' && typeof record['url'] === 'string') urls.push(record['url']);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return urls;
}

describe('which password? a bare "forgot my password" (real server, demo tenant)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  const asking: [string, string, RegExp][] = [
    ['忘記密碼', 'zh-TW', /哪一個密碼/],
    ['密碼忘了', 'zh-TW', /哪一個密碼/],
    ['I forgot my password', 'en-US', /Which password/],
  ];
  for (const [words, locale, question] of asking) {
    it(`asks which password for ${JSON.stringify(words)} before listing any device (no Graph request)`, async () => {
      await world.bot.say(users.employee, words, { locale });
      const { card } = lastPersonalCard(world, users.employee);
      assert.match(textOf(card), question);
      assert.deepEqual(buttonsOf(card).map((b) => [b.verb, b.data]), [
        ['startReset', {}],
        ['showAccountPasswordReset', {}],
      ]);
      assert.equal(graphCalls(world.tenant), 0, 'no device was looked up');
    });
  }

  const straightToDevices = ['reset my PIN', 'forgot my passcode', 'unlock my phone', '忘記手機密碼', '重設 PIN', '螢幕鎖定密碼忘了'];
  for (const words of straightToDevices) {
    it(`goes straight to the device list for ${JSON.stringify(words)}`, async () => {
      await world.bot.say(users.employee, words);
      const { card } = lastPersonalCard(world, users.employee);
      assert.ok(buttonsOf(card).some((b) => b.verb === 'chooseDevice'), textOf(card));
      assert.deepEqual(world.tenant.requests.map((r) => r.path), [`/users/${users.employee.id}/managedDevices`]);
    });
  }

  it('"My work account password" opens self-service password reset (default https://aka.ms/sspr) and makes no Graph request', async () => {
    await world.bot.say(users.employee, '忘記密碼', { locale: 'zh-TW' });
    const { card, activityId } = lastPersonalCard(world, users.employee);
    const choice = button(card, 'showAccountPasswordReset');
    const answer = await world.bot.invoke(users.employee, choice.verb, choice.data, { replyToId: activityId, locale: 'zh-TW' });
    assert.equal(answer.status, 200);
    assert.deepEqual(openUrls(answer.body?.value), ['https://aka.ms/sspr']);
    assert.match(textOf(answer.body?.value), /公司帳戶密碼/);
    assert.deepEqual(world.tenant.requests, [], 'no Graph request: no device list, no action');
  });

  it('"The passcode of a device" lists the devices as "reset my PIN" does', async () => {
    await world.bot.say(users.employee, 'I forgot my password');
    const { card, activityId } = lastPersonalCard(world, users.employee);
    const choice = button(card, 'startReset');
    const answer = await world.bot.invoke(users.employee, choice.verb, choice.data, { replyToId: activityId });
    assert.ok(buttonsOf(answer.body?.value).some((b) => b.verb === 'chooseDevice'));
  });
});

describe('which password? with the organisation’s own SSPR_URL', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ env: { SSPR_URL: 'https://passwordreset.contoso.com/start' } });
  });
  after(() => stopWorld(world));

  it('sends "my work account password" to SSPR_URL', async () => {
    const answer = await world.bot.invoke(users.employee, 'showAccountPasswordReset', {});
    assert.deepEqual(openUrls(answer.body?.value), ['https://passwordreset.contoso.com/start']);
    assert.match(textOf(answer.body?.value), /work account password/);
  });
});
