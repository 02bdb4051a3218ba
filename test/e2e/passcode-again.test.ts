// "Show passcode again" (issue 11 §4). Intune keeps the temporary passcode of a reset readable in
// deviceActionResults for 7 days (Microsoft Learn, "Reset or remove a device passcode in Intune");
// the bot hides its message after PASSCODE_VISIBLE_MINUTES. The button on the hidden message
// carries the request id only: an attacker can click it from another account, from a channel, or
// replay it weeks later — each must be refused, and the passcode must come from Graph, never the store.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { buttonsOf, textOf } from './cards';
import { button, offerFor, startWorld, stopWorld, users, waitForState, type World } from './setup';

const DAY_MS = 24 * 3600 * 1000;

describe('showing the temporary passcode again (real server, Graph client, demo tenant, SQLite)', () => {
  let world: World;
  let requestId: string;
  let passcode: string;
  let hiddenMessageId: string;

  before(async () => {
    // The passcode hides after about a second, so a test can see it hidden and shown again.
    world = await startWorld({ env: { PASSCODE_VISIBLE_MINUTES: '0.02' } });
    const { confirm, cardId } = await offerFor(world, users.employee, D.androidWorkProfile);
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    requestId = String(confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    passcode = world.tenant.data.actionResults(D.androidWorkProfile).at(-1)?.passcode ?? '';
    assert.match(passcode, /^\d{6,8}$/, 'the demo tenant issued a passcode');
    await waitUntilHidden();
    hiddenMessageId = (await world.bot.store.getRequest(requestId))?.passcodeActivityId ?? '';
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  async function waitUntilHidden(): Promise<void> {
    await world.bot.settle(async () => (await world.bot.store.getRequest(requestId))?.hidePasscodeAt === null, 10_000);
    await world.bot.running.scheduler.idle();
  }

  function hiddenMessage(): Record<string, unknown> {
    const activity = world.bot.connector.activity(world.bot.personalConversationOf(users.employee), hiddenMessageId);
    return (activity?.['attachments'] as { content: Record<string, unknown> }[] | undefined)?.[0]?.content ?? {};
  }

  function graphPaths(): string[] {
    return world.tenant.requests.map((r) => `${r.method} ${r.path}`);
  }

  it('offers "Show passcode again" on the hidden message, with the request id only, and says once that Teams may keep the earlier message', () => {
    const card = hiddenMessage();
    assert.ok(!JSON.stringify(card).includes(passcode), 'the hidden message no longer shows the passcode');
    assert.deepEqual(button(card, 'showPasscodeAgain').data, { requestId });
    assert.equal(textOf(card).match(/retention/g)?.length, 1);
  });

  it('shows the passcode again, read from Graph: the device (primary user re-checked) and its action results, nothing sent', async () => {
    const answer = await world.bot.invoke(users.employee, 'showPasscodeAgain', { requestId }, { replyToId: hiddenMessageId });
    assert.equal(answer.status, 200);
    assert.ok(JSON.stringify(answer.body?.value).includes(passcode), textOf(answer.body?.value));
    assert.deepEqual(graphPaths(), [
      `GET /deviceManagement/managedDevices/${D.androidWorkProfile}`,
      `GET /deviceManagement/managedDevices/${D.androidWorkProfile}`,
    ]);
    assert.ok(world.tenant.requests.every((r) => r.method === 'GET'));
    // …and hides it again after the same few minutes (here about a second).
    await waitUntilHidden();
    assert.ok(!JSON.stringify(hiddenMessage()).includes(passcode), 'hidden again');
    assert.ok(buttonsOf(hiddenMessage()).some((b) => b.verb === 'showPasscodeAgain'));
  });

  it('never writes the passcode shown again to a log line or the database', async () => {
    await world.bot.invoke(users.employee, 'showPasscodeAgain', { requestId }, { replyToId: hiddenMessageId });
    await waitUntilHidden();
    assert.ok(!world.bot.lines.join('\n').includes(passcode), 'no log line holds the passcode');
    const db = Buffer.concat([readFileSync(world.bot.storePath), readIfThere(`${world.bot.storePath}-wal`)]);
    assert.ok(!db.includes(Buffer.from(passcode)), 'the database file does not hold the passcode');
    const trail = await world.bot.store.auditOf(requestId);
    assert.ok(trail.some((entry) => entry.event === 'passcodeShownAgain' && entry.actor === users.employee.id));
  });

  it('refuses another user’s click on the same request id, without reading Graph', async () => {
    const answer = await world.bot.invoke(users.other, 'showPasscodeAgain', { requestId });
    assert.ok(!JSON.stringify(answer.body?.value).includes(passcode));
    assert.match(textOf(answer.body?.value), /Only the person who asked/);
    assert.deepEqual(graphPaths(), []);
  });

  it('refuses the click in a channel, even from the requester, without reading Graph', async () => {
    const answer = await world.bot.invoke(users.employee, 'showPasscodeAgain', { requestId }, { conversationType: 'channel', channelId: '19:helpdesk@thread.tacv2' });
    assert.ok(!JSON.stringify(answer.body?.value).includes(passcode));
    assert.match(textOf(answer.body?.value), /personal chat/i);
    assert.deepEqual(graphPaths(), []);
  });

  it('refuses once the requester is no longer the device’s primary user in Intune', async () => {
    world.tenant.data.updateDevice(D.androidWorkProfile, { userId: users.other.id });
    try {
      const answer = await world.bot.invoke(users.employee, 'showPasscodeAgain', { requestId });
      assert.ok(!JSON.stringify(answer.body?.value).includes(passcode));
      assert.match(textOf(answer.body?.value), /no longer the primary user/);
      assert.deepEqual(graphPaths(), [`GET /deviceManagement/managedDevices/${D.androidWorkProfile}`], 'the action results are not read');
    } finally {
      world.tenant.data.updateDevice(D.androidWorkProfile, { userId: users.employee.id });
    }
  });

  it('refuses after Intune’s 7 days, without reading Graph', async () => {
    const request = await world.bot.store.getRequest(requestId);
    assert.ok(request);
    const eightDaysAgo = new Date(Date.now() - 8 * DAY_MS).toISOString();
    const moved = await world.bot.store.patch(request.id, request.version, { actionSentAt: eightDaysAgo });
    assert.ok(moved);
    const answer = await world.bot.invoke(users.employee, 'showPasscodeAgain', { requestId });
    assert.ok(!JSON.stringify(answer.body?.value).includes(passcode));
    assert.match(textOf(answer.body?.value), /7 days/);
    assert.deepEqual(graphPaths(), []);
  });
});

function readIfThere(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}
