import assert from 'node:assert/strict';
import type { CloudAdapter, ConversationReference } from 'botbuilder';
import { TeamsPasscodeMessenger } from '../../src/bot/passcode-messenger';
import { silentLogger } from '../../src/log';
import type { ConversationKind, ConversationStore, StoredConversation } from '../../src/notify/ports';
import { newRequestFixture } from '../reset/support/requests';

type Continue = CloudAdapter['continueConversationAsync'];

/** Records every conversation the messenger tried to post into; nothing reaches a network. */
class RecordingAdapter implements Pick<CloudAdapter, 'continueConversationAsync'> {
  readonly references: Partial<ConversationReference>[] = [];
  continueConversationAsync: Continue = async (_botAppId: unknown, reference: Partial<ConversationReference>) => {
    this.references.push(reference);
  };
}

function storeWith(kind: ConversationKind, conversationId: string): ConversationStore {
  const stored: StoredConversation = {
    conversationId,
    kind,
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    userAadObjectId: kind === 'personal' ? 'a11ce000-0000-4000-8000-000000000001' : null,
    referenceJson: JSON.stringify({ conversation: { id: conversationId }, serviceUrl: 'https://smba.trafficmanager.net/teams/' }),
    updatedAt: '2026-03-02T09:00:00.000Z',
  };
  return {
    saveConversation: async () => undefined,
    conversation: async (id) => (id === conversationId ? stored : undefined),
    personalConversationOf: async () => undefined,
    newestConversationInTenant: async () => undefined,
    deleteConversation: async () => undefined,
  };
}

// The temporary passcode may only ever land in the requester's 1:1 chat with the bot. Teams ids
// ("19:…@thread.tacv2" channels, "19:…@thread.v2" group chats) say nothing the code should rely
// on; the stored conversation's kind does. A request pointing at a shared conversation (a bug, a
// tampered row) must make the messenger refuse, not post.
describe('the passcode messenger posts into a personal chat only', () => {
  const now = new Date('2026-03-02T09:00:00Z');

  for (const [kind, id] of [
    ['channel', '19:general@thread.tacv2'],
    ['groupChat', '19:team-lunch@thread.v2'],
  ] as const) {
    it(`refuses to show a passcode in a ${kind} conversation, and posts nothing`, async () => {
      const adapter = new RecordingAdapter();
      const messenger = new TeamsPasscodeMessenger(adapter, 'bot-app-id', storeWith(kind, id), silentLogger);
      const request = newRequestFixture(now, { conversationId: id, state: 'succeeded' });
      await assert.rejects(messenger.showPasscode(request, '837261'));
      await assert.rejects(messenger.hidePasscode({ ...request, passcodeActivityId: 'activity-1' }));
      assert.deepEqual(adapter.references, []);
    });
  }

  it('refuses a conversation it does not know', async () => {
    const adapter = new RecordingAdapter();
    const messenger = new TeamsPasscodeMessenger(adapter, 'bot-app-id', storeWith('personal', 'a:someone-else'), silentLogger);
    await assert.rejects(messenger.showPasscode(newRequestFixture(now, { conversationId: 'a:alice' }), '837261'));
    assert.deepEqual(adapter.references, []);
  });

  it('posts into the stored personal chat (control)', async () => {
    const adapter = new RecordingAdapter();
    const messenger = new TeamsPasscodeMessenger(adapter, 'bot-app-id', storeWith('personal', 'a:alice'), silentLogger);
    await messenger.showPasscode(newRequestFixture(now, { conversationId: 'a:alice' }), '837261');
    assert.deepEqual(adapter.references.map((r) => r.conversation?.id), ['a:alice']);
  });
});
