import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { buttonsOf, textOf } from '../e2e/cards';
import { graphCalls, lastPersonalCard, offerFor, resetPasscodePosts, startWorld, stopWorld, users, type World } from '../e2e/setup';

/** Each test tries one malformed or hostile input and checks Graph saw nothing it should not. */
describe('hostile input at /api/messages', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  async function rawPost(body: string, contentType = 'application/json'): Promise<number> {
    const response = await fetch(`${world.bot.running.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    return response.status;
  }

  it('answers malformed JSON with 400 and calls nothing', async () => {
    assert.equal(await rawPost('{"type":"message", "text": '), 400);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses a body over 256 KB before parsing it', async () => {
    const status = await rawPost(JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }));
    assert.equal(status, 413);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('survives a storm of garbage requests without a 500', async () => {
    const statuses = await Promise.all(Array.from({ length: 40 }, (_, i) => rawPost(i % 2 ? '[]' : 'null')));
    assert.ok(statuses.every((s) => s < 500), statuses.join(','));
    const health = await fetch(`${world.bot.running.url}/healthz`);
    assert.equal(health.status, 200);
  });

  it('answers an unknown invoke name with 501 and calls nothing', async () => {
    const base = { id: randomUUID(), channelId: 'msteams', serviceUrl: world.bot.connector.url, from: { id: '29:x', aadObjectId: users.employee.id }, recipient: { id: '28:bot' } };
    const response = await world.bot.post({ ...base, type: 'invoke', name: 'composeExtension/query', value: {}, conversation: { id: 'a:x', conversationType: 'personal', tenantId: world.tenant.tenantId }, channelData: { tenant: { id: world.tenant.tenantId } } });
    assert.equal(response.status, 501);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('answers an unknown card verb with a clear card and calls nothing', async () => {
    const answer = await world.bot.invoke(users.employee, 'wipeDevice', { deviceId: D.iphoneCompanyPortal });
    assert.equal(answer.status, 200);
    assert.match(textOf(answer.body?.value), /no longer valid|start again/i);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses a device id that tries to walk the Graph path', async () => {
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: '../../users/someone/managedDevices' });
    assert.equal(answer.status, 200);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses card data of the wrong type', async () => {
    const answer = await world.bot.invoke(users.employee, 'confirmReset', { requestId: 42 });
    assert.equal(answer.status, 200);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('ignores an invoke value that is not an Action.Execute', async () => {
    const response = await world.bot.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: world.bot.connector.url,
      from: { id: '29:x', aadObjectId: users.employee.id },
      recipient: { id: '28:bot' },
      conversation: { id: world.bot.personalConversationOf(users.employee), conversationType: 'personal', tenantId: world.tenant.tenantId },
      channelData: { tenant: { id: world.tenant.tenantId } },
      value: { action: { type: 'Action.Submit', verb: 'confirmReset', data: { requestId: randomUUID() } } },
    });
    assert.equal(response.status, 200);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('treats control characters and markup in a message as plain text', async () => {
    const status = await world.bot.say(users.employee, '\u0000\u001b[31m<script>alert(1)</script> [x](javascript:alert(1)) ${requester}');
    assert.ok(status < 300);
    const { card } = lastPersonalCard(world, users.employee);
    assert.ok(buttonsOf(card).some((b) => b.verb === 'startReset'), 'a help card, nothing else');
    assert.doesNotMatch(JSON.stringify(card), /javascript:|<script>/);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('shows a device named like a link or a template expression literally', async () => {
    world.tenant.data.updateDevice(D.oneDeviceIphone, { deviceName: '[Open](https://evil.example) ${requesterName} **x**' });
    try {
      const { card } = await offerFor(world, users.oneDevice);
      const shown = JSON.stringify(card);
      assert.doesNotMatch(shown, /\]\(https:\/\/evil\.example\)/, 'no live markdown link');
      assert.match(textOf(card), /evil/);
      assert.doesNotMatch(textOf(card), /Lin Chih-Hao.*\*\*x/, 'the expression was not evaluated');
      await world.bot.invoke(users.oneDevice, 'cancelReset', button(card));
    } finally {
      world.tenant.data.updateDevice(D.oneDeviceIphone, { deviceName: "Chih-Hao's iPhone 13" });
    }
  });

  it('refuses to act for an Entra object id that Graph does not know', async () => {
    const stranger = { id: randomUUID(), name: 'Nobody' };
    await world.bot.say(stranger, 'reset my PIN');
    assert.match(textOf(lastPersonalCard(world, stranger).card), /who you are/i);
    assert.equal(resetPasscodePosts(world.tenant), 0);
  });

  it('keeps one open request per device: asking twice shows the same request', async () => {
    const first = await offerFor(world, users.oneDevice);
    const second = await offerFor(world, users.oneDevice);
    assert.equal(second.confirm.data['requestId'], first.confirm.data['requestId']);
    await world.bot.invoke(users.oneDevice, 'cancelReset', first.confirm.data);
  });
});

describe('abuse limits', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ env: { MAX_REQUESTS_PER_USER_PER_DAY: '2' } });
  });
  after(() => stopWorld(world));

  it('refuses a third request within 24 hours and says when the user can try again', async () => {
    for (const deviceId of [D.iphoneCompanyPortal, D.androidWorkProfile]) {
      const { confirm } = await offerFor(world, users.employee, deviceId);
      await world.bot.invoke(users.employee, 'cancelReset', confirm.data);
    }
    await world.bot.say(users.employee, 'reset my PIN');
    const { activityId } = lastPersonalCard(world, users.employee);
    const answer = await world.bot.invoke(users.employee, 'chooseDevice', { deviceId: D.androidFullyManaged }, { replyToId: activityId });
    assert.match(textOf(answer.body?.value), /2 resets in the last 24 hours/);
    assert.match(textOf(answer.body?.value), /\{\{DATE\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z, SHORT\)\}\}/, 'the time, in the reader\'s zone');
    assert.deepEqual(buttonsOf(answer.body?.value).filter((b) => b.verb === 'confirmReset'), []);
    assert.equal(resetPasscodePosts(world.tenant), 0);
    assert.equal((await world.bot.store.requestsOf(users.employee.id, ['awaiting_confirmation'])).length, 0);
  });
});

function button(card: Record<string, unknown>): Record<string, unknown> {
  return buttonsOf(card).find((b) => b.verb === 'cancelReset')?.data ?? {};
}
