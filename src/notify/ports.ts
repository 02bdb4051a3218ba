/**
 * Where proactive messages can go. The bot layer saves a reference when Teams tells it about a
 * conversation (install, conversationUpdate, any personal message) and reads it back to update a
 * card or send a message after the turn that created it is gone — even after a restart.
 */
export type ConversationKind = 'personal' | 'groupChat' | 'channel';

export interface StoredConversation {
  /** Teams conversation id ("a:…" personal, "19:…@thread…" channel/group). The store key. */
  conversationId: string;
  kind: ConversationKind;
  tenantId: string;
  serviceUrl: string;
  /** For a personal chat: the user's Entra object id, so we can find "the chat with user X". */
  userAadObjectId: string | null;
  /** The Bot Framework conversation reference as JSON; opaque to everything but src/bot. */
  referenceJson: string;
  updatedAt: string;
}

export interface ConversationStore {
  saveConversation(conversation: StoredConversation): Promise<void>;
  conversation(conversationId: string): Promise<StoredConversation | undefined>;
  personalConversationOf(userAadObjectId: string): Promise<StoredConversation | undefined>;
  deleteConversation(conversationId: string): Promise<void>;
}
