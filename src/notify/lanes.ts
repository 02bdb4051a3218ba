import type { OutboxOperation, OutboxTarget } from './ports';

/**
 * The lane of a message: the conversation it lands in, as far as it is known when it is enqueued.
 * A lane is delivered one message at a time in enqueue order and paced as one conversation.
 *
 * An update joins the lane of the message it updates (`originalLane`), so it can never overtake
 * it. A thread's "…;messageid=…" id shares its channel's lane: pacing a channel as one is the safe
 * side of Teams' per-thread limits. A user's chat not created yet is known only by the user.
 */
export function laneOf(operation: OutboxOperation, originalLane?: string): string {
  switch (operation.kind) {
    case 'send':
      return laneOfTarget(operation.target);
    case 'newThread':
      return conversationLane(operation.channelId);
    case 'updateActivity':
      return conversationLane(operation.conversationId);
    case 'update':
      return originalLane ?? `event:${operation.activityOf}`;
  }
}

function laneOfTarget(target: OutboxTarget): string {
  return target.kind === 'conversation' ? conversationLane(target.conversationId) : `user:${target.tenantId}:${target.aadObjectId.toLowerCase()}`;
}

function conversationLane(conversationId: string): string {
  return `conversation:${conversationId.split(';messageid=')[0]}`;
}
