import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { buttonsOf, textOf } from '../e2e/cards';
import { graphCalls, lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from '../e2e/setup';

describe('what the bot refuses to be tricked into', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  it('refuses a device id of someone else sent in card data, without a Graph write', async () => {
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.otherIphone });
    assert.match(textOf(answer.body?.value), /not.*primary user|someone else/i);
    assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('refuses a device without a primary user', async () => {
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.userlessKiosk });
    assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('refuses to confirm another user’s request id', async () => {
    const { confirm } = await offerFor(world, users.oneDevice);
    const answer = await world.bot.invoke(users.other, 'confirmReset', confirm.data);
    assert.match(textOf(answer.body?.value), /not yours|someone else|belongs/i);
    const request = await world.bot.store.getRequest(String(confirm.data['requestId']));
    assert.equal(request?.state, 'awaiting_confirmation');
    assert.equal(resetPasscodePosts(world.tenant), 0);
    await world.bot.invoke(users.oneDevice, 'cancelReset', confirm.data);
  });

  it('refuses a forged request id that does not exist', async () => {
    const answer = await world.bot.invoke(users.employee, 'confirmReset', { requestId: randomUUID() });
    assert.equal(answer.status, 200);
    assert.match(textOf(answer.body?.value), /cannot find|could not find/i);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('ignores card data of the wrong shape', async () => {
    const answer = await world.bot.invoke(users.employee, 'confirmReset', { requestId: '../../etc/passwd', extra: '${requester}' });
    assert.equal(answer.status, 200);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('sends exactly one resetPasscode when confirm is clicked twice at once', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    const clicks = await Promise.all([1, 2, 3].map(() => world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId })));
    for (const click of clicks) assert.equal(click.status, 200);
    await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']);
    assert.equal(resetPasscodePosts(world.tenant, D.oneDeviceIphone), 1);
  });

  it('does not act again when a finished request’s card is replayed', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']);
    const replay = await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(replay.status, 200);
    assert.equal(resetPasscodePosts(world.tenant, D.oneDeviceIphone), 1);
  });

  it('refuses a device that changed hands between the offer and the confirm', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    world.tenant.data.updateDevice(D.oneDeviceIphone, { userId: users.other.id });
    try {
      await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
      assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'failed');
      assert.equal(resetPasscodePosts(world.tenant), 0);
      assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /primary user|no longer yours|not yours/i);
    } finally {
      world.tenant.data.updateDevice(D.oneDeviceIphone, { userId: users.oneDevice.id });
    }
  });

  it('politely refuses another tenant and makes no Graph call', async () => {
    const foreignTenant = randomUUID();
    await world.bot.say(users.employee, 'reset my PIN', { tenantId: foreignTenant });
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.iphoneCompanyPortal }, { tenantId: foreignTenant });
    assert.match(textOf(lastPersonalCard(world, users.employee).card), /organisation|organization|tenant/i);
    assert.match(textOf(answer.body?.value), /organisation|organization|tenant/i);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses an activity whose two tenant fields disagree', async () => {
    await world.bot.say(users.employee, 'reset my PIN', { channelDataTenantId: randomUUID() });
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses an activity without an Entra object id', async () => {
    await world.bot.say(users.employee, 'reset my PIN', { omitAadObjectId: true });
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('points a group chat to the personal chat and lists no device there', async () => {
    await world.bot.say(users.employee, 'reset my PIN', { conversationType: 'groupChat' });
    const sent = world.bot.connector.events.at(-1);
    assert.ok(sent && sent.conversationId.startsWith('19:'));
    assert.match(textOf(sent.activity), /personal chat/i);
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.iphoneCompanyPortal }, { conversationType: 'channel' });
    assert.match(textOf(answer.body?.value), /personal chat/i);
    assert.equal(graphCalls(world.tenant), 0);
  });
});
