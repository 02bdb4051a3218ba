import { z } from 'zod';
import type { ConversationStore, StoredConversation } from '../../notify/ports';
import { CONVERSATION_KINDS } from '../domain-values';
import { epochMs } from '../timestamps';
import { prepareNamed, type Database } from './connection';

const ConversationRow = z.object({
  conversation_id: z.string(),
  kind: z.enum(CONVERSATION_KINDS),
  tenant_id: z.string(),
  service_url: z.string(),
  user_aad_object_id: z.string().nullable(),
  reference_json: z.string(),
  updated_at: z.string(),
  updated_ms: z.number().int(),
});
type ConversationRow = z.infer<typeof ConversationRow>;

function toRow(conversation: StoredConversation): ConversationRow {
  return {
    conversation_id: conversation.conversationId,
    kind: conversation.kind,
    tenant_id: conversation.tenantId,
    service_url: conversation.serviceUrl,
    user_aad_object_id: conversation.userAadObjectId,
    // Opaque to the store (src/bot owns its shape), so it is kept as text and never parsed here.
    reference_json: conversation.referenceJson,
    updated_at: conversation.updatedAt,
    updated_ms: epochMs(conversation.updatedAt),
  };
}

function toConversation(stored: unknown): StoredConversation {
  const row = ConversationRow.parse(stored);
  return {
    conversationId: row.conversation_id,
    kind: row.kind,
    tenantId: row.tenant_id,
    serviceUrl: row.service_url,
    userAadObjectId: row.user_aad_object_id,
    referenceJson: row.reference_json,
    updatedAt: row.updated_at,
  };
}

function prepare(db: Database) {
  return {
    // Teams reports the same conversation on every install, upgrade and message: last write wins.
    upsert: prepareNamed<ConversationRow>(db, `
      INSERT INTO conversations (conversation_id, kind, tenant_id, service_url, user_aad_object_id, reference_json, updated_at, updated_ms)
      VALUES (@conversation_id, @kind, @tenant_id, @service_url, @user_aad_object_id, @reference_json, @updated_at, @updated_ms)
      ON CONFLICT (conversation_id) DO UPDATE SET
        kind = excluded.kind, tenant_id = excluded.tenant_id, service_url = excluded.service_url,
        user_aad_object_id = excluded.user_aad_object_id, reference_json = excluded.reference_json,
        updated_at = excluded.updated_at, updated_ms = excluded.updated_ms`),
    byId: db.prepare('SELECT * FROM conversations WHERE conversation_id = ?'),
    // A user can have more than one personal chat with the bot (reinstall, another tenant's
    // serviceUrl); the most recently seen one is the one Teams still delivers to.
    personalOf: db.prepare(
      `SELECT * FROM conversations WHERE user_aad_object_id = ? AND kind = 'personal' ORDER BY updated_ms DESC, rowid DESC LIMIT 1`,
    ),
    // The service URL Teams last used for a tenant is where a new chat in that tenant is created.
    newestOfTenant: db.prepare('SELECT * FROM conversations WHERE tenant_id = ? ORDER BY updated_ms DESC, rowid DESC LIMIT 1'),
    remove: db.prepare('DELETE FROM conversations WHERE conversation_id = ?'),
  };
}

export function sqliteConversationStore(db: Database): ConversationStore {
  const sql = prepare(db);
  return {
    async saveConversation(conversation: StoredConversation): Promise<void> {
      sql.upsert.run(toRow(conversation));
    },
    async conversation(conversationId: string): Promise<StoredConversation | undefined> {
      const row = sql.byId.get(conversationId);
      return row === undefined ? undefined : toConversation(row);
    },
    async personalConversationOf(userAadObjectId: string): Promise<StoredConversation | undefined> {
      const row = sql.personalOf.get(userAadObjectId);
      return row === undefined ? undefined : toConversation(row);
    },
    async newestConversationInTenant(tenantId: string): Promise<StoredConversation | undefined> {
      const row = sql.newestOfTenant.get(tenantId);
      return row === undefined ? undefined : toConversation(row);
    },
    async deleteConversation(conversationId: string): Promise<void> {
      sql.remove.run(conversationId);
    },
  };
}
