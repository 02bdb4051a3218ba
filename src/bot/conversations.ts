import { TurnContext, type TurnContext as Context } from 'botbuilder';
import type { Logger } from '../log';
import type { ConversationStore } from '../notify/ports';
import { scopeOf, tenantOf, type IncomingActivity } from './activity';

interface Deps {
  conversations: ConversationStore;
  allowedTenantIds: readonly string[];
  log: Logger;
}

/**
 * Keeps the conversation references proactive messages need: saved on install and whenever the
 * bot is added or spoken to, dropped on uninstall. Only for allowed tenants.
 */
export async function rememberConversation(context: Context, activity: IncomingActivity, deps: Deps): Promise<void> {
  const tenantId = tenantOf(activity);
  if (!tenantId || !deps.allowedTenantIds.includes(tenantId)) return;
  if (isRemoval(activity)) {
    await deps.conversations.deleteConversation(activity.conversation.id);
    deps.log.info('conversation forgotten', { conversationId: activity.conversation.id });
    return;
  }
  if (activity.type === 'conversationUpdate' && !botWasAdded(activity)) return;
  const scope = scopeOf(activity);
  const reference = TurnContext.getConversationReference(context.activity);
  await deps.conversations.saveConversation({
    conversationId: activity.conversation.id,
    kind: scope,
    tenantId,
    serviceUrl: activity.serviceUrl ?? '',
    userAadObjectId: scope === 'personal' ? (activity.from?.aadObjectId?.toLowerCase() ?? null) : null,
    referenceJson: JSON.stringify(reference),
    updatedAt: new Date().toISOString(),
  });
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
