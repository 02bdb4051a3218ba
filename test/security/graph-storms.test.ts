import assert from 'node:assert/strict';
import { DEMO_APP_PERMISSIONS } from '../../src/demo/tenant';
import { textOf } from '../e2e/cards';
import { lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, waitForState, type World } from '../e2e/setup';

const DEVICE_LIST = /\/managedDevices$/;
const RESET_PATH = /\/resetPasscode$/;

describe('Graph storms and silences', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ env: { GRAPH_TIMEOUT_SECONDS: '1' } });
  });
  after(() => stopWorld(world));
  beforeEach(() => {
    world.tenant.resetLog();
    world.tenant.clearFaults();
    world.tenant.data.clearActions();
  });

  it('gives up politely on a 429 storm while listing devices, after bounded retries', async () => {
    world.tenant.injectFault({ method: 'GET', path: DEVICE_LIST, status: 429, retryAfterSeconds: 1, times: 20 });
    await world.bot.say(users.employee, 'reset my PIN');
    assert.match(textOf(lastPersonalCard(world, users.employee).card), /busy|later|try again/i);
    const lists = world.tenant.requests.filter((r) => DEVICE_LIST.test(r.path));
    assert.ok(lists.length >= 2 && lists.length <= 4, `${lists.length} list requests`);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('rides out a 503 on a read', async () => {
    world.tenant.injectFault({ method: 'GET', path: DEVICE_LIST, status: 503, times: 1 });
    const { confirm } = await offerFor(world, users.oneDevice);
    assert.ok(confirm.data['requestId']);
    await world.bot.invoke(users.oneDevice, 'cancelReset', confirm.data);
  });

  it('does not resend an action whose POST timed out, and says it could not be confirmed', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, delayMs: 2500, times: 1 });
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'failed');
    assert.equal(resetPasscodePosts(world.tenant), 1);
    assert.match(textOf(lastPersonalCard(world, users.oneDevice).card), /did not confirm|not confirmed|try again/i);
  });

  it('does not resend an action whose connection dropped', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, dropConnection: true, times: 1 });
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']);
    assert.equal(resetPasscodePosts(world.tenant), 1);
  });

  it('waits out a 429 storm on the action and still sends it once it is accepted', async () => {
    world.tenant.injectFault({ method: 'POST', path: RESET_PATH, status: 429, retryAfterSeconds: 1, times: 2 });
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    assert.equal(await waitForState(world, String(confirm.data['requestId']), ['succeeded', 'failed']), 'succeeded');
    const accepted = world.tenant.requests.filter((r) => r.method === 'POST' && RESET_PATH.test(r.path) && r.status === 204);
    assert.equal(accepted.length, 1);
  });

  it('tells the user an administrator must act when Graph refuses the app token', async () => {
    world.tenant.revokeTokens();
    world.tenant.setPermissions([]);
    try {
      await world.bot.say(users.employee, 'reset my PIN');
      assert.match(textOf(lastPersonalCard(world, users.employee).card), /administrator/i);
      assert.equal(resetPasscodePosts(world.tenant), 0);
    } finally {
      world.tenant.setPermissions(DEMO_APP_PERMISSIONS);
    }
  });
});
