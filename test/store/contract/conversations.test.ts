import assert from 'node:assert/strict';
import type { Store } from '../../../src/store';
import { sampleConversation } from '../fixtures';
import { forEachStore } from './stores';

describe('the conversation store contract', () => {
  forEachStore((_name, open) => {
    let store: Store;
    beforeEach(() => {
      store = open();
    });

    it('gives back a saved conversation reference unchanged, also to another instance', async () => {
      const saved = sampleConversation();
      await store.saveConversation(saved);
      assert.deepEqual(await open().conversation('a:personal-alice'), saved);
    });

    it('replaces a conversation saved again under the same id', async () => {
      await store.saveConversation(sampleConversation());
      const upgraded = sampleConversation({ serviceUrl: 'https://smba.trafficmanager.net/amer/', updatedAt: '2025-03-02T08:00:00.000Z' });
      await store.saveConversation(upgraded);
      assert.deepEqual(await store.conversation('a:personal-alice'), upgraded);
      assert.deepEqual(await store.personalConversationOf('user-alice'), upgraded);
    });

    it("finds a user's newest personal conversation, not a channel or someone else's chat", async () => {
      await store.saveConversation(sampleConversation({ conversationId: 'a:newer', updatedAt: '2025-03-02T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:older', updatedAt: '2025-03-01T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: '19:helpdesk@thread.tacv2', kind: 'channel', updatedAt: '2025-03-03T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:bob', userAadObjectId: 'user-bob', updatedAt: '2025-03-04T08:00:00.000Z' }));
      assert.equal((await store.personalConversationOf('user-alice'))?.conversationId, 'a:newer');
    });

    it('finds the older personal conversation again once the newer one is saved with an older time', async () => {
      await store.saveConversation(sampleConversation({ conversationId: 'a:first', updatedAt: '2025-03-02T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:second', updatedAt: '2025-03-03T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:second', updatedAt: '2025-03-01T08:00:00.000Z' }));
      assert.equal((await store.personalConversationOf('user-alice'))?.conversationId, 'a:first');
    });

    it('compares the instants of updatedAt, not their text', async () => {
      // 08:45Z written with an offset: as text it sorts before 08:00Z.
      await store.saveConversation(sampleConversation({ conversationId: 'a:later', updatedAt: '2025-03-01T07:45:00-01:00' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:earlier', updatedAt: '2025-03-01T08:00:00.000Z' }));
      assert.equal((await store.personalConversationOf('user-alice'))?.conversationId, 'a:later');
    });

    it('answers undefined for a user who never chatted with the bot', async () => {
      await store.saveConversation(sampleConversation());
      assert.equal(await store.personalConversationOf('user-carol'), undefined);
    });

    it('finds the most recently seen conversation of a tenant, of any kind', async () => {
      await store.saveConversation(sampleConversation({ conversationId: 'a:alice', updatedAt: '2025-03-01T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: '19:c@thread.tacv2', kind: 'channel', userAadObjectId: null, updatedAt: '2025-03-02T08:00:00.000Z' }));
      await store.saveConversation(sampleConversation({ conversationId: 'a:other', tenantId: 'tenant-2', updatedAt: '2025-03-03T08:00:00.000Z' }));
      assert.equal((await store.newestConversationInTenant('tenant-1'))?.conversationId, '19:c@thread.tacv2');
      await store.saveConversation(sampleConversation({ conversationId: 'a:alice', updatedAt: '2025-03-04T08:00:00.000Z' }));
      assert.equal((await store.newestConversationInTenant('tenant-1'))?.conversationId, 'a:alice');
      assert.equal(await store.newestConversationInTenant('tenant-3'), undefined);
    });

    it('forgets a deleted conversation, and deleting an unknown one is harmless', async () => {
      await store.saveConversation(sampleConversation());
      await store.deleteConversation('a:personal-alice');
      await store.deleteConversation('a:never-saved');
      assert.equal(await store.conversation('a:personal-alice'), undefined);
      assert.equal(await store.personalConversationOf('user-alice'), undefined);
      assert.equal(await store.newestConversationInTenant('tenant-1'), undefined);
    });

    it('keeps one of two conversations saved at once under the same id, whole', async () => {
      const first = sampleConversation({ serviceUrl: 'https://one.example/', updatedAt: '2025-03-02T08:00:00.000Z' });
      const second = sampleConversation({ serviceUrl: 'https://two.example/', updatedAt: '2025-03-03T08:00:00.000Z' });
      await Promise.all([store.saveConversation(first), open().saveConversation(second)]);
      const kept = await store.conversation('a:personal-alice');
      assert.ok(kept !== undefined && [first, second].some((c) => c.serviceUrl === kept.serviceUrl && c.updatedAt === kept.updatedAt));
      assert.deepEqual(await store.personalConversationOf('user-alice'), kept);
    });
  });
});
