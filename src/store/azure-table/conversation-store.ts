// ConversationStore over Table Storage. A conversation reference lives in `conversations` under
// its own id (PartitionKey = conversation id: every read by id is a point read). Two questions
// need another key, answered by `conversationindex`, newest first within one partition:
//
//   PartitionKey "user|<aad object id>", RowKey "<newest-first time>|<conversation id>"  (personal chats)
//   PartitionKey "tenant|<tenant id>",   RowKey "<newest-first time>|<conversation id>"
//
// A save writes its entries first, then the reference with If-Match on what it read (so it knows
// exactly which earlier version it replaced; 412 → read again and redo the round), then deletes
// the replaced version's entries. Entries are thus a superset of the truth, and readers take the
// first entry whose reference really matches (same time, same user or tenant). Saving stays
// last-write-wins, like SQLite's upsert.
import type { TableClient } from '@azure/data-tables';
import { z } from 'zod';
import type { Logger } from '../../log';
import type { ConversationStore, StoredConversation } from '../../notify/ports';
import { CONVERSATION_KINDS } from '../domain-values';
import { StoreWriteError } from '../errors';
import { epochMs } from '../timestamps';
import { ALREADY_EXISTS, entity, ETAG_MISMATCH, inPartition, NOT_FOUND, readEntity, refusedWith } from './entities';
import { joinKey, newestFirstMs } from './keys';
import type { Tables } from './tables';

const ROW = 'conversation';
const MAX_SAVE_ROUNDS = 5;

const ConversationEntity = z.object({
  conversationId: z.string(),
  kind: z.enum(CONVERSATION_KINDS),
  tenantId: z.string(),
  serviceUrl: z.string(),
  userAadObjectId: z.string().nullish().transform((value) => value ?? null),
  referenceJson: z.string(),
  updatedAt: z.string(),
});
const EntryEntity = z.object({ conversationId: z.string(), updatedAt: z.string() });

interface EntryKey {
  partitionKey: string;
  rowKey: string;
}

const userPartition = (aadObjectId: string): string => joinKey('user', aadObjectId);
const tenantPartition = (tenantId: string): string => joinKey('tenant', tenantId);

/** The index entries that make `conversation` findable: by tenant always, by user for a personal chat. */
function entriesOf(conversation: StoredConversation): EntryKey[] {
  const rowKey = `${newestFirstMs(epochMs(conversation.updatedAt))}|${joinKey(conversation.conversationId)}`;
  const keys = [{ partitionKey: tenantPartition(conversation.tenantId), rowKey }];
  if (conversation.kind === 'personal' && conversation.userAadObjectId !== null) keys.push({ partitionKey: userPartition(conversation.userAadObjectId), rowKey });
  return keys;
}

export function azureConversationStore(tables: Tables, log?: Pick<Logger, 'warn'>): ConversationStore {
  const main = (): Promise<TableClient> => tables.table('conversations');
  const index = (): Promise<TableClient> => tables.table('conversationIndex');

  async function read(conversationId: string): Promise<{ conversation: StoredConversation; etag: string } | undefined> {
    const stored = await readEntity(await main(), joinKey(conversationId), ROW);
    return stored === undefined ? undefined : { conversation: ConversationEntity.parse(stored), etag: stored.etag };
  }

  async function forget(keys: readonly EntryKey[]): Promise<void> {
    const client = await index();
    for (const key of keys) {
      try {
        await refusedWith([NOT_FOUND], () => client.deleteEntity(key.partitionKey, key.rowKey));
      } catch (error) {
        // Harmless: readers only accept an entry whose conversation matches it.
        log?.warn('store: stale conversation index entry left for readers to skip', { partitionKey: key.partitionKey, error });
      }
    }
  }

  /** One round of a save: false when someone else wrote the reference since it was read. */
  async function saveRound(conversation: StoredConversation): Promise<boolean> {
    const previous = await read(conversation.conversationId);
    const next = entriesOf(conversation);
    const client = await index();
    const properties = { conversationId: conversation.conversationId, updatedAt: conversation.updatedAt };
    await Promise.all(next.map((key) => client.upsertEntity(entity(key.partitionKey, key.rowKey, properties), 'Replace')));
    const row = entity(joinKey(conversation.conversationId), ROW, { ...conversation });
    const written =
      previous === undefined
        ? await refusedWith([ALREADY_EXISTS], async () => (await main()).createEntity(row))
        : await refusedWith([ETAG_MISMATCH], async () => (await main()).updateEntity(row, 'Replace', { etag: previous.etag }));
    if (!written) return false;
    if (previous !== undefined) await forget(entriesOf(previous.conversation).filter((old) => !next.some((key) => key.partitionKey === old.partitionKey && key.rowKey === old.rowKey)));
    return true;
  }

  /** The conversation of the first entry (newest first) that its stored reference confirms. */
  async function newestIn(partitionKey: string, matches: (conversation: StoredConversation) => boolean): Promise<StoredConversation | undefined> {
    for await (const stored of (await index()).listEntities<Record<string, unknown>>({ queryOptions: { filter: inPartition(partitionKey) } })) {
      const entry = EntryEntity.parse(stored);
      const found = await read(entry.conversationId);
      if (found !== undefined && found.conversation.updatedAt === entry.updatedAt && matches(found.conversation)) return found.conversation;
    }
    return undefined;
  }

  return {
    async saveConversation(conversation: StoredConversation): Promise<void> {
      for (let round = 0; round < MAX_SAVE_ROUNDS; round++) if (await saveRound(conversation)) return;
      throw new StoreWriteError('tooManyConflicts', `conversation ${conversation.conversationId} kept changing while it was saved`);
    },
    async conversation(conversationId: string): Promise<StoredConversation | undefined> {
      return (await read(conversationId))?.conversation;
    },
    async personalConversationOf(userAadObjectId: string): Promise<StoredConversation | undefined> {
      return newestIn(userPartition(userAadObjectId), (c) => c.kind === 'personal' && c.userAadObjectId === userAadObjectId);
    },
    async newestConversationInTenant(tenantId: string): Promise<StoredConversation | undefined> {
      return newestIn(tenantPartition(tenantId), (c) => c.tenantId === tenantId);
    },
    async deleteConversation(conversationId: string): Promise<void> {
      for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
        const found = await read(conversationId);
        if (found === undefined) return;
        const deleted = await refusedWith([ETAG_MISMATCH, NOT_FOUND], async () => (await main()).deleteEntity(joinKey(conversationId), ROW, { etag: found.etag }));
        if (deleted) return forget(entriesOf(found.conversation));
      }
      throw new StoreWriteError('tooManyConflicts', `conversation ${conversationId} kept changing while it was deleted`);
    },
  };
}
