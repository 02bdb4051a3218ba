import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_DEVICE_IDS as D, EMPLOYEE_DEVICE_COUNT } from '../../src/demo/tenant';
import { buttonsOf, textOf } from './cards';
import { button, graphCalls, lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from './setup';

describe('self-service reset in a personal chat (real server, Graph client, demo tenant, SQLite)', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  it('removes the passcode of the only device, an iPhone, with four Intune requests and one manager lookup', async () => {
    const { confirm, cardId, card } = await offerFor(world, users.oneDevice);
    assert.match(textOf(card), /remove the passcode/i);
    assert.match(textOf(card), /anyone who holds this device can open it/i);
    const answer = await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(answer.status, 200);
    assert.equal(answer.body?.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(textOf(answer.body?.value), /in progress/i);
    const requestId = String(confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    assert.equal(resetPasscodePosts(world.tenant, D.oneDeviceIphone), 1);
    const calls = world.tenant.requests.map((r) => `${r.method} ${r.path}`);
    assert.equal(calls.filter((c) => !c.endsWith('/manager')).length, 4, calls.join('\n'));
    assert.equal(graphCalls(world.tenant), 5, calls.join('\n'));
    const updated = lastPersonalCard(world, users.oneDevice);
    assert.equal(updated.activityId, cardId, 'the clicked card is updated in place');
    assert.match(textOf(updated.card), /passcode was removed/i);
  });

  it('answers the confirm before Graph is called', async () => {
    const { confirm, cardId } = await offerFor(world, users.employee, D.androidFullyManaged);
    world.tenant.injectFault({ method: 'GET', path: `/deviceManagement/managedDevices/${D.androidFullyManaged}`, delayMs: 1500 });
    const started = Date.now();
    const answer = await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.ok(Date.now() - started < 1000, `invoke took ${Date.now() - started} ms`);
    assert.match(textOf(answer.body?.value), /in progress/i);
    await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']);
  });

  it('shows an Android work profile temporary passcode only in the requester’s personal chat, never in logs or the store', async () => {
    const { confirm, cardId, card } = await offerFor(world, users.employee, D.androidWorkProfile);
    assert.match(textOf(card), /work profile/i);
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    const requestId = String(confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    const passcode = world.tenant.data.actionResults(D.androidWorkProfile).at(-1)?.passcode;
    assert.ok(passcode && /^\d{6,8}$/.test(passcode), 'the demo tenant issued a passcode');
    const shown = world.bot.connector.events.filter((e) => JSON.stringify(e.activity).includes(passcode));
    assert.ok(shown.length >= 1, 'the passcode reached the requester');
    for (const event of shown) assert.equal(event.conversationId, world.bot.personalConversationOf(users.employee));
    assert.ok(!world.bot.lines.join('\n').includes(passcode), 'no log line holds the passcode');
    const db = Buffer.concat([readFileSync(world.bot.storePath), readWal(world.bot.storePath)]);
    assert.ok(!db.includes(Buffer.from(passcode)), 'the database file does not hold the passcode');
    assert.ok((await world.bot.store.getRequest(requestId))?.hidePasscodeAt, 'a time to hide the passcode is set');
  });

  it('guides a Windows PC to “I forgot my PIN” without any Graph write', async () => {
    await world.bot.say(users.employee, 'reset my PIN');
    const { activityId } = lastPersonalCard(world, users.employee);
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.windowsPc }, { replyToId: activityId });
    assert.match(textOf(answer.body?.value), /I forgot my PIN/);
    assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('lists exactly the requester’s own devices in the picker', async () => {
    await world.bot.say(users.employee, 'I forgot my passcode');
    const { card } = lastPersonalCard(world, users.employee);
    const chosen = buttonsOf(card).filter((b) => b.verb === 'chooseDevice').map((b) => String(b.data['deviceId']));
    assert.equal(chosen.length, EMPLOYEE_DEVICE_COUNT);
    assert.ok(!chosen.includes(D.otherIphone), 'a device of someone else is not offered');
    assert.ok(!chosen.includes(D.userlessKiosk));
    assert.deepEqual(world.tenant.requests.map((r) => r.path), [`/users/${users.employee.id}/managedDevices`]);
  });

  it('tells a user without devices so, in a friendly way', async () => {
    await world.bot.say(users.noDevice, 'reset my PIN');
    const { card } = lastPersonalCard(world, users.noDevice);
    assert.match(textOf(card), /no Intune device|couldn't find a device/i);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  const refusals: [string, string, RegExp][] = [
    ['iOS User Enrollment', D.iphoneUserEnrollment, /User Enrollment/i],
    ['Android device administrator 10', D.androidDeviceAdmin10, /7\.0|device administrator/i],
    ['macOS', D.macbook, /mac/i],
    ['ChromeOS', D.chromebook, /helpdesk/i],
    ['Linux', D.linuxLaptop, /helpdesk/i],
    ['a device being retired', D.iphoneRetirePending, /retire|removed from management/i],
  ];
  for (const [label, deviceId, words] of refusals) {
    it(`refuses ${label} in plain words and sends nothing to Graph`, async () => {
      await world.bot.say(users.employee, 'reset my PIN');
      const { activityId } = lastPersonalCard(world, users.employee);
      const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId }, { replyToId: activityId });
      assert.match(textOf(answer.body?.value), words);
      assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
      assert.equal(resetPasscodePosts(world.tenant), 0);
    });
  }

  it('warns that a device silent for 12 days gets the reset only at its next check-in', async () => {
    const { card } = await offerFor(world, users.employee, D.androidStale);
    assert.match(textOf(card), /12 days/);
  });

  it('answers a zh-TW user in Traditional Chinese', async () => {
    await world.bot.say(users.oneDevice, '忘記手機密碼', { locale: 'zh-TW' });
    const { card } = lastPersonalCard(world, users.oneDevice);
    assert.match(textOf(card), /密碼/);
    assert.match(button(card, 'cancelReset').title, /取消/);
  });

  it('answers unknown text with a short help card, not silence', async () => {
    await world.bot.say(users.employee, 'good morning');
    const { card } = lastPersonalCard(world, users.employee);
    assert.ok(buttonsOf(card).some((b) => b.verb === 'startReset'));
  });
});

function readWal(dbPath: string): Buffer {
  try {
    return readFileSync(`${dbPath}-wal`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

describe('choosing the language of the answer', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));

  it('answers Chinese text in Traditional Chinese even when the client says en-US, and keeps it for card clicks', async () => {
    await world.bot.say(users.employee, '重設我的 PIN', { locale: 'en-US' });
    const { card, activityId } = lastPersonalCard(world, users.employee);
    assert.match(textOf(card), /裝置/);
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.windowsPc }, { locale: 'en-US', replyToId: activityId });
    assert.match(textOf(answer.body?.value), /PIN/);
    assert.match(textOf(answer.body?.value), /[\u4e00-\u9fff]/);
  });

  it('answers English text in English', async () => {
    await world.bot.say(users.employee, 'reset my PIN', { locale: 'en-US' });
    assert.doesNotMatch(textOf(lastPersonalCard(world, users.employee).card), /[\u4e00-\u9fff]{2}/);
  });
});
