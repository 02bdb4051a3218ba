import assert from 'node:assert/strict';
import { DeliveryFailure } from '../../src/notify/delivery-failure';
import type { OutboxTarget } from '../../src/notify/ports';
import { deliveryWorld, HELPDESK_CHANNEL, rejectionOf, storedConversation, TENANT, type DeliveryWorld } from './support/delivery-world';

const MANAGER = '0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const toManager: OutboxTarget = { kind: 'user', aadObjectId: MANAGER, tenantId: TENANT };
const card = (title: string) => ({
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: title }] } }],
});

describe('delivering proactive messages to Teams', () => {
  let world: DeliveryWorld;

  beforeEach(async () => {
    world = await deliveryWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('sends into a stored conversation and answers the new activity id', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice', { userAadObjectId: 'alice' }));
    const delivered = await world.delivery.send({ kind: 'conversation', conversationId: 'a:personal-alice' }, { text: 'your PIN was reset' });
    const [posted] = world.connector.posted('a:personal-alice');
    assert.deepEqual(delivered, { conversationId: 'a:personal-alice', activityId: posted?.activityId });
    assert.equal(posted?.activity['text'], 'your PIN was reset');
    assert.equal(posted?.activity['type'], 'message');
  });

  it('creates a personal chat by Entra object id with the tenant, stores it, and reuses it next time', async () => {
    const first = await world.delivery.send(toManager, { text: 'your report asked for a reset' });
    const second = await world.delivery.send(toManager, { text: 'the reset is done' });

    const created = world.connector.events.filter((e) => e.kind === 'createConversation');
    assert.equal(created.length, 1);
    assert.deepEqual(created[0]?.activity, {
      isGroup: false,
      bot: { id: '28:', name: '' },
      members: [{ id: MANAGER, name: '' }],
      tenantId: TENANT,
      channelData: { tenant: { id: TENANT } },
    });
    const chatId = created[0]?.conversationId ?? '';
    assert.match(chatId, /^a:created-/);
    assert.equal(first.conversationId, chatId);
    assert.equal(second.conversationId, chatId);
    assert.deepEqual(world.connector.posted(chatId).map((e) => e.activity['text']), ['your report asked for a reset', 'the reset is done']);
    const stored = await world.store.personalConversationOf(MANAGER);
    assert.equal(stored?.conversationId, chatId);
    assert.equal(stored?.kind, 'personal');
    assert.equal(stored?.tenantId, TENANT);
  });

  it("creates the chat on the serviceUrl of the user's tenant rather than the default one", async () => {
    await world.close();
    // Nothing listens on port 9: the default must not be used when the tenant's serviceUrl is known.
    world = await deliveryWorld({ defaultServiceUrl: 'http://127.0.0.1:9/' });
    world.tenantServiceUrls.set(TENANT, world.connector.url);
    const delivered = await world.delivery.send(toManager, { text: 'hello' });
    assert.equal((await world.store.personalConversationOf(MANAGER))?.serviceUrl, world.connector.url);
    assert.equal(world.connector.posted(delivered.conversationId).length, 1);
  });

  it('posts a new channel thread and answers its root activity id apart from the thread conversation id', async () => {
    world.channelServiceUrls.set(HELPDESK_CHANNEL, world.connector.url);
    const delivered = await world.delivery.newThread(HELPDESK_CHANNEL, card('Approval needed'));
    const [thread] = world.connector.events.filter((e) => e.kind === 'newThread');
    assert.equal(delivered.conversationId, `${HELPDESK_CHANNEL};messageid=${thread?.activityId}`);
    assert.equal(delivered.activityId, thread?.activityId);
    assert.doesNotMatch(delivered.activityId, /messageid/);
    assert.deepEqual(world.connector.cardsIn(delivered.conversationId), card('Approval needed').attachments.map((a) => a.content));
    const create = world.connector.requests.find((r) => r.method === 'POST' && r.path === '/v3/conversations');
    assert.equal(create?.answer, 201);
  });

  it('replaces the root card of a thread in place, knowing only the channel', async () => {
    world.channelServiceUrls.set(HELPDESK_CHANNEL, world.connector.url);
    const thread = await world.delivery.newThread(HELPDESK_CHANNEL, card('Approval needed'));
    await world.delivery.update(thread.conversationId, thread.activityId, card('Approved by Dana'));
    const shown = world.connector.activity(thread.conversationId, thread.activityId);
    assert.deepEqual(shown?.['attachments'], card('Approved by Dana').attachments);
    assert.equal(shown?.['id'], thread.activityId);
    assert.equal(world.connector.posted(thread.conversationId).length, 1);
  });

  it('replaces a message in a stored conversation', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice'));
    const sent = await world.delivery.send({ kind: 'conversation', conversationId: 'a:personal-alice' }, { text: 'working on it' });
    await world.delivery.update(sent.conversationId, sent.activityId, { text: 'done' });
    assert.equal(world.connector.activity('a:personal-alice', sent.activityId)?.['text'], 'done');
  });

  it('fails as notFound, without calling Teams, for a conversation it never stored', async () => {
    const error = await rejectionOf(world.delivery.send({ kind: 'conversation', conversationId: 'a:forgotten' }, { text: 'hello' }));
    assert.ok(error instanceof DeliveryFailure);
    assert.equal(error.reason, 'notFound');
    assert.deepEqual(world.connector.requests, []);
  });

  it('fails as notFound when Teams answers 404 for the activity to update', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice'));
    world.connector.failNext({ method: 'PUT', status: 404 });
    const error = await rejectionOf(world.delivery.update('a:personal-alice', 'activity-gone', { text: 'done' }));
    assert.ok(error instanceof DeliveryFailure);
    assert.equal(error.reason, 'notFound');
    assert.equal(error.status, 404);
  });

  it('fails as botNotInstalled when the user has not installed the app, and succeeds once it is installed', async () => {
    world.connector.notInstalled.add(MANAGER);
    const error = await rejectionOf(world.delivery.send(toManager, { text: 'hello' }));
    assert.ok(error instanceof DeliveryFailure);
    assert.equal(error.reason, 'botNotInstalled');
    assert.equal(error.status, 403);
    assert.equal(await world.store.personalConversationOf(MANAGER), undefined);
    world.connector.install(MANAGER);
    const delivered = await world.delivery.send(toManager, { text: 'hello' });
    assert.match(delivered.conversationId, /^a:created-/);
  });

  it('fails as botNotInstalled when Teams dropped the bot from a stored conversation', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice'));
    world.connector.failNext({ status: 403, errorCode: 'BotNotInConversationRoster' });
    const error = await rejectionOf(world.delivery.send({ kind: 'conversation', conversationId: 'a:personal-alice' }, { text: 'hello' }));
    assert.equal(error instanceof DeliveryFailure && error.reason, 'botNotInstalled');
  });

  it('fails as forbidden when the user blocked the bot', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice'));
    world.connector.failNext({ status: 403, errorCode: 'ConversationBlockedByUser' });
    const error = await rejectionOf(world.delivery.send({ kind: 'conversation', conversationId: 'a:personal-alice' }, { text: 'hello' }));
    assert.equal(error instanceof DeliveryFailure && error.reason, 'forbidden');
  });

  it('gets a failure out of the turn although the adapter has an onTurnError that swallows errors', async () => {
    await world.store.saveConversation(storedConversation(world, 'a:personal-alice'));
    world.connector.failNext({ status: 400, errorCode: 'BadArgument' });
    const error = await rejectionOf(world.delivery.send({ kind: 'conversation', conversationId: 'a:personal-alice' }, { text: 'hello' }));
    assert.equal(error instanceof DeliveryFailure && error.reason, 'permanent');
    assert.equal(world.logLines.filter((line) => line.includes('turn failed')).length, 0);
  });
});
