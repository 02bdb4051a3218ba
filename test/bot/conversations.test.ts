import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { IncomingActivity } from '../../src/bot/activity';
import { RecentlySavedConversations, rememberConversation } from '../../src/bot/conversations';
import { silentLogger } from '../../src/log';
import type { ConversationStore, StoredConversation } from '../../src/notify/ports';
import { ManualClock } from '../store/fixtures';

/** A conversation store that counts what it is asked to write. */
class CountingConversations implements ConversationStore {
  readonly saved: StoredConversation[] = [];
  deleted = 0;
  async saveConversation(conversation: StoredConversation): Promise<void> {
    this.saved.push(conversation);
  }
  async conversation(): Promise<StoredConversation | undefined> {
    return undefined;
  }
  async personalConversationOf(): Promise<StoredConversation | undefined> {
    return undefined;
  }
  async newestConversationInTenant(): Promise<StoredConversation | undefined> {
    return undefined;
  }
  async deleteConversation(): Promise<void> {
    this.deleted += 1;
  }
}


function activity(overrides: Record<string, unknown> = {}): IncomingActivity {
  return IncomingActivity.parse({
    type: 'message',
    id: `activity-${Math.random()}`,
    text: 'reset my PIN',
    serviceUrl: 'https://smba.example/',
    from: { id: '29:alice', aadObjectId: 'AAAAAAAA-0000-0000-0000-000000000001' },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:alice', conversationType: 'personal', tenantId: 'tenant-1' },
    channelData: { tenant: { id: 'tenant-1' } },
    ...overrides,
  });
}

describe('remembering the chat a person talks to the bot in', () => {
  let clock: ManualClock;
  let store: CountingConversations;
  let recentlySaved: RecentlySavedConversations;

  beforeEach(() => {
    clock = new ManualClock();
    store = new CountingConversations();
    recentlySaved = new RecentlySavedConversations(clock, 60_000);
  });

  async function receive(incoming: IncomingActivity, withMemory = true): Promise<void> {
    const context = new TurnContext(new TestAdapter(), { ...incoming, channelId: 'msteams' } as Partial<Activity>);
    await rememberConversation(context, incoming, { conversations: store, allowedTenantIds: ['tenant-1'], log: silentLogger, clock, recentlySaved: withMemory ? recentlySaved : undefined });
  }

  it('writes the reference once for a run of messages in the same chat', async () => {
    for (let n = 0; n < 5; n += 1) await receive(activity());
    assert.equal(store.saved.length, 1);
    assert.equal(store.saved[0]?.userAadObjectId, 'aaaaaaaa-0000-0000-0000-000000000001');
  });

  it('keeps no message id in the reference: a proactive message does not reply to an old one', async () => {
    await receive(activity({ id: 'the-message' }));
    assert.ok(!store.saved[0]?.referenceJson.includes('the-message'));
  });

  it('writes it again once the refresh interval has passed, with the new time', async () => {
    await receive(activity());
    clock.advance(60_000);
    await receive(activity());
    assert.equal(store.saved.length, 2);
    assert.notEqual(store.saved[0]?.updatedAt, store.saved[1]?.updatedAt);
  });

  it('writes it again at once when the chat moved to another service URL', async () => {
    await receive(activity());
    await receive(activity({ serviceUrl: 'https://smba.example/emea/' }));
    assert.equal(store.saved.length, 2);
  });

  it('writes it again after an uninstall and a reinstall', async () => {
    await receive(activity());
    await receive(activity({ type: 'installationUpdate', action: 'remove', text: undefined }));
    await receive(activity());
    assert.equal(store.deleted, 1);
    assert.equal(store.saved.length, 2);
  });

  it('writes on every message when no memory is given (installs, channel events)', async () => {
    await receive(activity(), false);
    await receive(activity(), false);
    assert.equal(store.saved.length, 2);
  });

  it('forgets the oldest chat first when full', () => {
    const memory = new RecentlySavedConversations(clock, 60_000, 2);
    const chat = (id: string): StoredConversation => ({ conversationId: id, kind: 'personal', tenantId: 't', serviceUrl: 's', userAadObjectId: null, referenceJson: '{}', updatedAt: '' });
    for (const id of ['one', 'two', 'three']) memory.note(chat(id));
    assert.deepEqual(['one', 'two', 'three'].map((id) => memory.isFresh(chat(id))), [false, true, true]);
  });
});
