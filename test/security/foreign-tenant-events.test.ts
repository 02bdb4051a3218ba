import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startWorld, stopWorld, users, type World } from '../e2e/setup';

// Attacker's view: conversationUpdate and installationUpdate carry a conversation id, a tenant and
// a serviceUrl. From a tenant that is not in ALLOWED_TENANT_IDS they must change nothing: no
// reference is stored (proactive messages would follow it) and none is deleted (a user would stop
// getting their passcode and cards). Teams event shapes: Microsoft Learn, "Conversation events in
// your Teams bot" (membersAdded / membersRemoved naming the bot) and "installationUpdate".
describe('conversation events from a tenant that is not allowed', () => {
  const EVIL_TENANT = '0badc0de-0000-4000-8000-00000000e711';
  let world: World;
  let ownChat: string;

  before(async () => {
    world = await startWorld();
    await world.bot.say(users.employee, 'help');
    ownChat = world.bot.personalConversationOf(users.employee);
    assert.ok(await world.bot.store.conversation(ownChat), 'the allowed user’s chat is remembered (control)');
  });
  after(() => stopWorld(world));

  function event(type: string, conversationId: string, extra: Record<string, unknown>): Record<string, unknown> {
    return {
      type,
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      // Loopback, so only the tenant check (not the local mode's serviceUrl check) can refuse it.
      serviceUrl: `${world.bot.connector.url}evil/`,
      from: { id: `29:${users.other.id}`, aadObjectId: users.other.id, name: 'Mallory' },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: EVIL_TENANT },
      channelData: { tenant: { id: EVIL_TENANT } },
      ...extra,
    };
  }

  it('stores nothing for a conversationUpdate that adds the bot', async () => {
    const response = await world.bot.post(event('conversationUpdate', 'a:evil-chat', { membersAdded: [{ id: '28:pin-reset-bot' }] }));
    assert.ok(response.status < 500);
    assert.equal(await world.bot.store.conversation('a:evil-chat'), undefined);
  });

  it('does not overwrite a stored chat (same id, another serviceUrl) with a conversationUpdate', async () => {
    const before = await world.bot.store.conversation(ownChat);
    await world.bot.post(event('conversationUpdate', ownChat, { membersAdded: [{ id: '28:pin-reset-bot' }] }));
    assert.deepEqual(await world.bot.store.conversation(ownChat), before);
  });

  it('deletes nothing for a conversationUpdate that removes the bot, nor for an uninstall', async () => {
    await world.bot.post(event('conversationUpdate', ownChat, { membersRemoved: [{ id: '28:pin-reset-bot' }] }));
    assert.ok(await world.bot.store.conversation(ownChat), 'still remembered after membersRemoved');
    await world.bot.post(event('installationUpdate', ownChat, { action: 'remove' }));
    assert.ok(await world.bot.store.conversation(ownChat), 'still remembered after an uninstall');
  });
});
