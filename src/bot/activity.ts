import { z } from 'zod';

/**
 * The parts of an incoming Teams activity we rely on, parsed once at the edge. The Bot Framework
 * token proves who sent the activity (the channel); these fields are what the channel says.
 */
const Account = z.object({ id: z.string().optional(), name: z.string().optional(), aadObjectId: z.string().optional() });

export const IncomingActivity = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  text: z.string().max(4000).optional(),
  locale: z.string().max(20).optional(),
  replyToId: z.string().max(512).optional(),
  serviceUrl: z.string().optional(),
  from: Account.optional(),
  recipient: Account.optional(),
  conversation: z.object({
    id: z.string(),
    conversationType: z.string().optional(),
    tenantId: z.string().optional(),
    isGroup: z.boolean().optional(),
  }),
  channelData: z
    .object({
      tenant: z.object({ id: z.string().optional() }).optional(),
      channel: z.object({ id: z.string().max(256).optional() }).optional(),
      team: z.object({ id: z.string().max(256).optional() }).optional(),
    })
    .passthrough()
    .optional(),
  action: z.string().optional(),
  membersAdded: z.array(Account).optional(),
  membersRemoved: z.array(Account).optional(),
  value: z.unknown().optional(),
});
export type IncomingActivity = z.infer<typeof IncomingActivity>;

/** An id the bot handed out (request, device): a GUID, whatever case Teams sends it back in. */
export const guid = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** `Action.Execute` invoke value; `data` is parsed per verb below. */
export const CardActionValue = z.object({
  action: z.object({ type: z.literal('Action.Execute'), verb: z.string().max(64), data: z.unknown().optional() }),
});

export const CardAction = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('startReset') }),
  z.object({ verb: z.literal('showStatus') }),
  z.object({ verb: z.literal('chooseDevice'), deviceId: guid }),
  z.object({ verb: z.literal('confirmReset'), requestId: guid }),
  z.object({ verb: z.literal('cancelReset'), requestId: guid }),
  z.object({ verb: z.literal('approveRequest'), requestId: guid }),
  z.object({ verb: z.literal('rejectRequest'), requestId: guid, reason: z.string().max(2000).optional() }),
  z.object({ verb: z.literal('refreshApproval'), requestId: guid }),
  z.object({ verb: z.literal('showAccountPasswordReset') }),
  z.object({ verb: z.literal('showPasscodeAgain'), requestId: guid }),
]);
export type CardAction = z.infer<typeof CardAction>;

/** Parses an adaptiveCard/action value into one known action, or undefined for anything else. */
export function parseCardAction(value: unknown): CardAction | undefined {
  const outer = CardActionValue.safeParse(value);
  if (!outer.success) return undefined;
  const data = typeof outer.data.action.data === 'object' && outer.data.action.data !== null ? outer.data.action.data : {};
  const parsed = CardAction.safeParse({ ...data, verb: outer.data.action.verb });
  return parsed.success ? parsed.data : undefined;
}

export type ConversationScope = 'personal' | 'groupChat' | 'channel';

export function scopeOf(activity: IncomingActivity): ConversationScope {
  const type = activity.conversation.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation.isGroup) return 'groupChat';
  return 'personal';
}

/**
 * The tenant the activity comes from. Teams sends it twice (conversation.tenantId and
 * channelData.tenant.id); when both are present and disagree the activity is not trusted.
 */
export function tenantOf(activity: IncomingActivity): string | undefined {
  const fromConversation = activity.conversation.tenantId?.trim().toLowerCase();
  const fromChannelData = activity.channelData?.tenant?.id?.trim().toLowerCase();
  if (fromConversation && fromChannelData && fromConversation !== fromChannelData) return undefined;
  return fromConversation || fromChannelData || undefined;
}
