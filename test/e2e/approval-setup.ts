import { DEMO_HELPDESK_GROUP_ID, DEMO_TEAMS_APP, DEMO_USER_IDS } from '../../src/demo/tenant';
import type { ActivityOptions, TestUser } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { offerFor, startWorld, waitForState, type World } from './setup';

export const helpdesk = {
  agent: { id: DEMO_USER_IDS.helpdeskAgent, name: 'Alex Rivera' },
  manager: { id: DEMO_USER_IDS.manager, name: 'Chang Shu-Fen 張淑芬' },
} satisfies Record<string, TestUser>;

export const CHANNEL_ID = '19:helpdesk-approvals@thread.tacv2';

export function inChannel(extra: ActivityOptions = {}): ActivityOptions {
  return { conversationType: 'channel', conversationId: `${CHANNEL_ID};messageid=1`, channelId: CHANNEL_ID, ...extra };
}

/** A world whose policy needs helpdesk approval for everything, with the approval channel chosen in Teams. */
export async function startApprovalWorld(env: Record<string, string> = {}): Promise<World> {
  const tenant = await startTestTenant();
  const world = await startWorld({
    tenant,
    env: {
      APPROVAL_POLICY: 'all',
      HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID,
      TEAMS_APP_CATALOG_ID: DEMO_TEAMS_APP.catalogId,
      APPROVAL_TTL: '1h',
      ...env,
    },
  });
  world.bot.connector.installedElsewhere = (aad) => tenant.data.appsInstalledFor(aad).length > 0;
  await world.bot.say(helpdesk.agent, '<at>PIN reset</at> use this channel for approvals', inChannel());
  return world;
}

/** The requester confirms; returns the request id and the card they see once it waits for approval. */
export async function requestNeedingApproval(world: World, user: TestUser, deviceId?: string): Promise<string> {
  return (await confirmNeedingApproval(world, user, deviceId)).requestId;
}

export async function confirmNeedingApproval(
  world: World,
  user: TestUser,
  deviceId?: string,
): Promise<{ requestId: string; card: Record<string, unknown> }> {
  const { confirm, cardId } = await offerFor(world, user, deviceId);
  const answer = await world.bot.invoke(user, 'confirmReset', confirm.data, { replyToId: cardId });
  const requestId = String(confirm.data['requestId']);
  await waitForState(world, requestId, ['awaiting_approval']);
  return { requestId, card: answer.body?.value ?? {} };
}

/** Cancels whatever `user` still has waiting, so the next test can ask for the same device again. */
export async function cancelOpenRequests(world: World, user: TestUser): Promise<void> {
  for (const request of await world.bot.store.requestsOf(user.id, ['awaiting_confirmation', 'awaiting_approval'])) {
    await world.bot.invoke(user, 'cancelReset', { requestId: request.id });
  }
  await settle(world);
}

/** The approval card thread the bot started in the channel for `requestId`. */
export function approvalThread(world: World, requestId: string): { conversationId: string; card: Record<string, unknown> } | undefined {
  const event = world.bot.connector.events.find((e) => e.kind === 'newThread' && JSON.stringify(e.activity).includes(requestId));
  const card = (event?.activity['attachments'] as { content: Record<string, unknown> }[] | undefined)?.[0]?.content;
  return event && card ? { conversationId: event.conversationId, card } : undefined;
}

/** The latest version of the channel card (the thread root, after updates). */
export function latestChannelCard(world: World, conversationId: string): Record<string, unknown> | undefined {
  const events = world.bot.connector.events.filter((e) => e.conversationId === conversationId);
  const last = events.at(-1);
  return (last?.activity['attachments'] as { content: Record<string, unknown> }[] | undefined)?.[0]?.content;
}

export async function settle(world: World): Promise<void> {
  await world.bot.running.scheduler.idle();
  await world.bot.running.outbox.drain(5000);
  await world.bot.running.scheduler.idle();
  await world.bot.running.outbox.drain(5000);
}
