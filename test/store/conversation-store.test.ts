import assert from 'node:assert/strict';
import path from 'node:path';
import { openStore, type Store } from '../../src/store';
import { makeTempDir, sampleConversation } from './fixtures';

describe('the SQLite conversation store', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let spec: string;
  let store: Store;

  beforeEach(() => {
    temp = makeTempDir();
    spec = `sqlite:${path.join(temp.dir, 'pinbot.db')}`;
    store = openStore(spec);
  });
  afterEach(() => {
    store.close();
    temp.remove();
  });

  it('gives back a saved conversation reference unchanged, even after a restart', async () => {
    const saved = sampleConversation();
    await store.saveConversation(saved);
    store.close();
    store = openStore(spec);
    assert.deepEqual(await store.conversation('a:personal-alice'), saved);
  });

  it('replaces a conversation saved again under the same id', async () => {
    await store.saveConversation(sampleConversation());
    const upgraded = sampleConversation({ serviceUrl: 'https://smba.trafficmanager.net/amer/', updatedAt: '2025-03-02T08:00:00.000Z' });
    await store.saveConversation(upgraded);
    assert.deepEqual(await store.conversation('a:personal-alice'), upgraded);
  });

  it("finds a user's newest personal conversation, not a channel or someone else's chat", async () => {
    await store.saveConversation(sampleConversation({ conversationId: 'a:newer', updatedAt: '2025-03-02T08:00:00.000Z' }));
    await store.saveConversation(sampleConversation({ conversationId: 'a:older', updatedAt: '2025-03-01T08:00:00.000Z' }));
    await store.saveConversation(
      sampleConversation({ conversationId: '19:helpdesk@thread.tacv2', kind: 'channel', updatedAt: '2025-03-03T08:00:00.000Z' }),
    );
    await store.saveConversation(
      sampleConversation({ conversationId: 'a:bob', userAadObjectId: 'user-bob', updatedAt: '2025-03-04T08:00:00.000Z' }),
    );
    assert.equal((await store.personalConversationOf('user-alice'))?.conversationId, 'a:newer');
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

  it('forgets a deleted conversation, and deleting an unknown one is harmless', async () => {
    await store.saveConversation(sampleConversation());
    await store.deleteConversation('a:personal-alice');
    await store.deleteConversation('a:never-saved');
    assert.equal(await store.conversation('a:personal-alice'), undefined);
    assert.equal(await store.personalConversationOf('user-alice'), undefined);
  });
});
