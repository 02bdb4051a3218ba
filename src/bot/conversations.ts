import { TurnContext, type TurnContext as Context } from 'botbuilder';
import type { Logger } from '../log';
import type { ConversationStore, StoredConversation } from '../notify/ports';
import type { Clock } from '../reset/ports';
import { scopeOf, tenantOf, type IncomingActivity } from './activity';

interface Deps {
  conversations: ConversationStore;
  allowedTenantIds: readonly string[];
  log: Logger;
  clock: Clock;
  /** Given for messages: a reference this process saved recently, unchanged, is not written again. */
  recentlySaved?: RecentlySavedConversations;
}

/**
 * Keeps the conversation references proactive messages need: saved on install and whenever the
 * bot is added or spoken to, dropped on uninstall. Only for allowed tenants.
 */
export async function rememberConversation(context: Context, activity: IncomingActivity, deps: Deps): Promise<void> {
  const tenantId = tenantOf(activity);
  if (!tenantId || !deps.allowedTenantIds.includes(tenantId)) return;
  if (isRemoval(activity)) {
    deps.recentlySaved?.forget(activity.conversation.id);
    await deps.conversations.deleteConversation(activity.conversation.id);
    deps.log.info('conversation forgotten', { conversationId: activity.conversation.id });
    return;
  }
  if (activity.type === 'conversationUpdate' && !botWasAdded(activity)) return;
  const scope = scopeOf(activity);
  // Without the activity id: a proactive message starts fresh, it does not reply to an old message.
  const reference = { ...TurnContext.getConversationReference(context.activity), activityId: undefined };
  const conversation: StoredConversation = {
    conversationId: activity.conversation.id,
    kind: scope,
    tenantId,
    serviceUrl: activity.serviceUrl ?? '',
    userAadObjectId: scope === 'personal' ? (activity.from?.aadObjectId?.toLowerCase() ?? null) : null,
    referenceJson: JSON.stringify(reference),
    updatedAt: deps.clock.now().toISOString(),
  };
  if (deps.recentlySaved?.isFresh(conversation)) return;
  await deps.conversations.saveConversation(conversation);
  deps.recentlySaved?.note(conversation);
}

/**
 * What this process saved lately, so a chat's every message does not rewrite the same row (a
 * store write on each turn). The row's time still moves forward every `refreshMs`: it tells which
 * of a person's chats was used last. Installs and uninstalls never consult it.
 */
export class RecentlySavedConversations {
  private readonly saved = new Map<string, { content: string; atMs: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly refreshMs = 5 * 60_000,
    private readonly capacity = 10_000,
  ) {}

  isFresh(conversation: StoredConversation): boolean {
    const entry = this.saved.get(conversation.conversationId);
    return entry !== undefined && entry.content === contentOf(conversation) && this.clock.now().getTime() - entry.atMs < this.refreshMs;
  }

  note(conversation: StoredConversation): void {
    this.saved.delete(conversation.conversationId);
    // A Map iterates in insertion order: the first key is the one saved longest ago.
    if (this.saved.size >= this.capacity) this.saved.delete(this.saved.keys().next().value ?? '');
    this.saved.set(conversation.conversationId, { content: contentOf(conversation), atMs: this.clock.now().getTime() });
  }

  forget(conversationId: string): void {
    this.saved.delete(conversationId);
  }
}

function contentOf(conversation: StoredConversation): string {
  const { updatedAt: _time, ...content } = conversation;
  return JSON.stringify(content);
}

function isRemoval(activity: IncomingActivity): boolean {
  if (activity.type === 'installationUpdate') return activity.action === 'remove' || activity.action === 'remove-upgrade';
  const botId = activity.recipient?.id;
  return Boolean(botId && activity.membersRemoved?.some((m) => m.id === botId));
}

function botWasAdded(activity: IncomingActivity): boolean {
  const botId = activity.recipient?.id;
  return Boolean(botId && activity.membersAdded?.some((m) => m.id === botId));
}
