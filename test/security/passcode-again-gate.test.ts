// With the fresh sign-in gate on (REQUIRE_FRESH_SIGNIN, on by default in production), "Show
// passcode again" reveals a passcode that unlocks the device, so it needs the same recent Entra
// sign-in as a confirm — Company Portal asks for a sign-in within 5 minutes before passcode actions.
// Real PinResetBot, real FreshSignInGate verifying Entra-signed tokens, real ResetApp over the demo
// tenant; only the Bot Framework token service is a stand-in (it holds the user's token).
import assert from 'node:assert/strict';
import { CloudAdapter, TurnContext, type Activity, type ResourceResponse } from 'botbuilder';
import { PinResetBot } from '../../src/bot/pin-reset-bot';
import { DEMO_DEVICE_IDS as D } from '../../src/demo/tenant';
import { createLogger } from '../../src/log';
import { buttonsOf, textOf } from '../e2e/cards';
import { offerFor, startWorld, stopWorld, users, waitForState, type World } from '../e2e/setup';
import { freshSignInGateFor, startEntraStandIn, type EntraStandIn } from './support/entra';
import { epochSeconds } from './support/jwt';
import { FakeUserTokens } from './support/user-tokens';

describe('"Show passcode again" behind the fresh sign-in gate', () => {
  let world: World;
  let entra: EntraStandIn;
  let bot: PinResetBot;
  let requestId: string;
  let passcode: string;
  const tokens = new FakeUserTokens();
  const adapter = new CloudAdapter();

  before(async () => {
    entra = await startEntraStandIn();
    world = await startWorld();
    const { confirm, cardId } = await offerFor(world, users.employee, D.androidWorkProfile);
    await world.bot.invoke(users.employee, 'confirmReset', confirm.data, { replyToId: cardId });
    requestId = String(confirm.data['requestId']);
    assert.equal(await waitForState(world, requestId, ['succeeded', 'failed']), 'succeeded');
    passcode = world.tenant.data.actionResults(D.androidWorkProfile).at(-1)?.passcode ?? '';
    assert.ok(passcode);
    const log = createLogger('silent');
    const clock = { now: () => new Date() };
    const gate = freshSignInGateFor(entra);
    const notUsed = (): Promise<never> => Promise.reject(new Error('approvals are not part of this test'));
    bot = new PinResetBot({
      app: world.bot.running.app,
      approvals: { onCardAction: notUsed, onChannelCommand: notUsed },
      freshSignIn: gate,
      conversations: world.bot.store,
      allowedTenantIds: [world.bot.tenant.tenantId],
      botAppId: 'pin-reset-bot',
      passwordResetUrl: 'https://aka.ms/sspr',
      maxGraphMessagesPerMinute: 10_000,
      clock,
      log,
    });
  });
  after(async () => {
    await stopWorld(world);
    await entra.stop();
  });
  beforeEach(() => world.tenant.resetLog());

  async function clickShowAgain(): Promise<Record<string, unknown>> {
    const activity: Partial<Activity> = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      locale: 'en-US',
      from: { id: `29:${users.employee.id}`, name: users.employee.name, aadObjectId: users.employee.id },
      conversation: { id: world.bot.personalConversationOf(users.employee), conversationType: 'personal', isGroup: false, name: '', tenantId: world.bot.tenant.tenantId },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      value: { action: { type: 'Action.Execute', verb: 'showPasscodeAgain', data: { requestId } }, trigger: 'manual' },
    };
    const context = new TurnContext(adapter, activity);
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    const sent: Partial<Activity>[] = [];
    context.onSendActivities(async (_context, activities): Promise<ResourceResponse[]> => {
      sent.push(...activities);
      return activities.map(() => ({ id: '' }));
    });
    await bot.run(context);
    const answer = sent.find((a) => a.type === 'invokeResponse')?.value as { body?: { value?: Record<string, unknown> } } | undefined;
    return answer?.body?.value ?? {};
  }

  it('with a sign-in 6 minutes old: answers with the sign-in card and reads nothing from Graph', async () => {
    tokens.token = entra.token({ oid: users.employee.id, auth_time: epochSeconds() - 6 * 60 });
    const card = await clickShowAgain();
    assert.ok(!JSON.stringify(card).includes(passcode));
    assert.match(textOf(card), /sign in again to see the temporary passcode/);
    assert.deepEqual(buttonsOf(card).map((b) => [b.verb, b.data]), [['showPasscodeAgain', { requestId }]]);
    assert.deepEqual(world.tenant.requests, [], 'no Graph read of the device or its passcode');
  });

  it('with a sign-in 1 minute old: shows the passcode read from Graph', async () => {
    tokens.token = entra.token({ oid: users.employee.id, auth_time: epochSeconds() - 60 });
    const card = await clickShowAgain();
    assert.ok(JSON.stringify(card).includes(passcode), textOf(card));
    assert.equal(world.tenant.requests.length, 2);
  });
});
