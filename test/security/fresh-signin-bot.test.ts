import assert from 'node:assert/strict';
import { CloudAdapter, TurnContext, type Activity } from 'botbuilder';
import { ApprovalHandlers } from '../../src/bot/approval-handlers';
import { PinResetBot } from '../../src/bot/pin-reset-bot';
import { silentLogger } from '../../src/log';
import type { ConversationStore } from '../../src/notify/ports';
import { ApprovalChannels } from '../../src/reset/approval-channel';
import { HELPDESK_GROUP, World, type Instance } from '../reset/support/world';
import { freshSignInGateFor, SSO_APP_ID, SSO_TENANT_ID, SSO_USER_OID, startEntraStandIn, type EntraStandIn } from './support/entra';
import { epochSeconds } from './support/jwt';
import { FakeUserTokens } from './support/user-tokens';

const noConversations: ConversationStore = {
  saveConversation: async () => undefined,
  conversation: async () => undefined,
  personalConversationOf: async () => undefined,
  newestConversationInTenant: async () => undefined,
  deleteConversation: async () => undefined,
};

// REQUIRE_FRESH_SIGNIN=true wired into the bot, not just the gate on its own: a Confirm click with
// a stale Entra sign-in (auth_time 6 minutes old; Microsoft identity platform access token claims)
// must answer with the sign-in card and leave the request unconfirmed — no resetPasscode.
// The bot routing (PinResetBot), the real gate and the real lifecycle over in-memory ports.
describe('fresh sign-in required, through the bot', () => {
  let entra: EntraStandIn;
  let world: World;
  let instance: Instance;
  let bot: PinResetBot;
  let tokens: FakeUserTokens;
  const adapter = new CloudAdapter();

  before(async () => {
    entra = await startEntraStandIn();
  });
  after(() => entra.stop());

  beforeEach(() => {
    world = new World();
    instance = world.startInstance();
    tokens = new FakeUserTokens();
    const gate = freshSignInGateFor(entra);
    const settings = new Map<string, string>();
    const channels = new ApprovalChannels(
      { setting: async (key) => settings.get(key), saveSetting: async (key, value) => void settings.set(key, value) },
      world.people,
      HELPDESK_GROUP,
      undefined,
    );
    const approvals = new ApprovalHandlers({ app: instance.app, channels, people: world.people, store: world.store, outbox: { delivered: async () => undefined }, log: silentLogger });
    bot = new PinResetBot({
      app: instance.app,
      approvals,
      freshSignIn: gate,
      conversations: noConversations,
      allowedTenantIds: [SSO_TENANT_ID],
      botAppId: SSO_APP_ID,
      maxGraphMessagesPerMinute: 10_000,
      passwordResetUrl: 'https://aka.ms/sspr',
      clock: { now: () => new Date() },
      log: silentLogger,
    });
  });

  /** Clicks Confirm on the offer card; answers the card the invoke returned. */
  async function clickConfirm(requestId: string): Promise<string> {
    const activity: Partial<Activity> = {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: 'click-1',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/teams/',
      locale: 'en-US',
      from: { id: '29:employee', name: 'Chen Mei-Ling', aadObjectId: SSO_USER_OID },
      recipient: { id: `28:${SSO_APP_ID}`, name: 'PIN reset' },
      conversation: { id: 'a:personal', isGroup: false, conversationType: 'personal', name: '', tenantId: SSO_TENANT_ID },
      channelData: { tenant: { id: SSO_TENANT_ID } },
      value: { action: { type: 'Action.Execute', verb: 'confirmReset', data: { requestId } }, trigger: 'manual' },
    };
    const context = new TurnContext(adapter, activity);
    context.turnState.set(adapter.UserTokenClientKey, tokens);
    const sent: Partial<Activity>[] = [];
    context.onSendActivities(async (_context, activities) => {
      sent.push(...activities);
      return activities.map(() => ({ id: 'sent' }));
    });
    await bot.run(context);
    const answer = sent.find((a) => a.type === 'invokeResponse');
    assert.ok(answer, 'the invoke was answered');
    return JSON.stringify(answer.value);
  }

  async function offered(): Promise<string> {
    world.iphone(SSO_USER_OID, 'employee-iphone');
    const requester = { ...world.requester(), tenantId: SSO_TENANT_ID, aadObjectId: SSO_USER_OID, conversationId: 'a:personal' };
    return (await world.offer(instance, 'employee-iphone', requester)).id;
  }

  it('answers a Confirm with a stale sign-in with the sign-in card, and sends no resetPasscode', async () => {
    const requestId = await offered();
    tokens.token = entra.token({ auth_time: epochSeconds() - 6 * 60 });
    const answer = await clickConfirm(requestId);
    assert.match(answer, /sign in again/i);
    await world.clock.advance(60_000);
    assert.equal((await world.current(requestId)).state, 'awaiting_confirmation');
    assert.deepEqual(world.intune.posts, []);
  });

  it('lets a Confirm with a sign-in of 1 minute ago through: one resetPasscode (control)', async () => {
    const requestId = await offered();
    tokens.token = entra.token({ auth_time: epochSeconds() - 60 });
    const answer = await clickConfirm(requestId);
    assert.doesNotMatch(answer, /sign in again/i);
    await world.clock.runDue();
    assert.deepEqual(world.intune.posts, ['employee-iphone']);
  });
});
