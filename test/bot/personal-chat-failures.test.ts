// A secret's own message (temporary passcode, BitLocker recovery key) when Teams refuses it. Found
// while testing the recovery-key sweep: CloudAdapter runs a proactive turn's logic inside its
// middleware, and the bot's onTurnError (src/bot/adapter.ts) swallows what the logic throws — so a
// hide that Teams answered 502 was recorded as done and never tried again, and a key Teams refused
// was reported "shown". Real CloudAdapter (local mode, the bot's own onTurnError), the local
// connector answering 502, a SQLite store: each failure must reach the caller, and no error log
// line may hold the secret the refused request carried.
import assert from 'node:assert/strict';
import { TeamsPasscodeMessenger } from '../../src/bot/passcode-messenger';
import { TeamsRecoveryKeyMessenger } from '../../src/bot/recovery-key-messenger';
import { createLogger } from '../../src/log';
import { PersonalChatGone } from '../../src/reset/ports';
import { newRequestFixture } from '../reset/support/requests';
import { deliveryWorld, storedConversation, type DeliveryWorld } from './support/delivery-world';

const CHAT = 'a:personal-secret';
const KEY = '418363-280148-535183-290180-634557-183403-069355-226072';
const view = { deviceName: 'MEILING-LAPTOP', keyId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', locale: 'en-US' };

describe('a secret message Teams refuses (502) is reported to the caller, not swallowed', () => {
  let world: DeliveryWorld;
  let keys: TeamsRecoveryKeyMessenger;
  let passcodes: TeamsPasscodeMessenger;
  beforeEach(async () => {
    world = await deliveryWorld();
    await world.store.saveConversation(storedConversation(world, CHAT));
    keys = new TeamsRecoveryKeyMessenger(world.adapter, '', world.store, 5 * 60_000);
    passcodes = new TeamsPasscodeMessenger(world.adapter, '', world.store, createLogger('silent'));
  });
  afterEach(() => world.close());

  it('rejects a recovery-key hide Teams answered 502, so the ledger keeps it to hide again', async () => {
    const messageId = await keys.showRecoveryKey(CHAT, view, KEY);
    assert.ok(messageId);
    world.connector.failNext({ method: 'PUT', pathPattern: `${CHAT}/activities/${messageId}`, status: 502 });
    await assert.rejects(keys.hideRecoveryKey(CHAT, messageId, view));
    await keys.hideRecoveryKey(CHAT, messageId, view);
    assert.equal(world.connector.events.filter((e) => e.kind === 'update').length, 1, 'hidden on the second try');
  });

  it('rejects a recovery key Teams refused to post, and logs no line holding it', async () => {
    world.connector.failNext({ method: 'POST', pathPattern: `${CHAT}/activities`, status: 502 });
    await assert.rejects(keys.showRecoveryKey(CHAT, view, KEY));
    assert.ok(!world.logLines.join('\n').includes(KEY), 'no log line holds the key');
  });

  it('rejects a passcode hide Teams answered 502, so the request keeps its hide time', async () => {
    const request = newRequestFixture(new Date(), { conversationId: CHAT, state: 'succeeded' });
    const activityId = await passcodes.showPasscode(request, '837261');
    assert.ok(activityId);
    world.connector.failNext({ method: 'PUT', pathPattern: `${CHAT}/activities/${activityId}`, status: 502 });
    await assert.rejects(passcodes.hidePasscode({ ...request, passcodeActivityId: activityId }));
  });

  it('rejects a passcode Teams refused to post, and logs no line holding it', async () => {
    world.connector.failNext({ method: 'POST', pathPattern: `${CHAT}/activities`, status: 502 });
    await assert.rejects(passcodes.showPasscode(newRequestFixture(new Date(), { conversationId: CHAT, state: 'succeeded' }), '837261'));
    assert.ok(!world.logLines.join('\n').includes('837261'), 'no log line holds the passcode');
  });

  // Bot Framework REST API errors for a chat the bot is no longer in: 404 ConversationNotFound,
  // 403 BotNotInConversationRoster (the app was removed). Waiting cannot help; a 502 may.
  for (const [status, errorCode] of [[404, 'ConversationNotFound'], [403, 'BotNotInConversationRoster']] as const) {
    it(`reports a passcode Teams refused with ${status} ${errorCode} as PersonalChatGone`, async () => {
      world.connector.failNext({ method: 'POST', pathPattern: `${CHAT}/activities`, status, errorCode });
      await assert.rejects(passcodes.showPasscode(newRequestFixture(new Date(), { conversationId: CHAT, state: 'succeeded' }), '837261'), PersonalChatGone);
    });
  }

  it('does not report a 502 as PersonalChatGone (Teams may be back soon)', async () => {
    world.connector.failNext({ method: 'POST', pathPattern: `${CHAT}/activities`, status: 502 });
    await assert.rejects(passcodes.showPasscode(newRequestFixture(new Date(), { conversationId: CHAT, state: 'succeeded' }), '837261'), (error: unknown) => !(error instanceof PersonalChatGone));
  });
});
