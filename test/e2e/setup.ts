import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_USER_IDS, type DemoTenant } from '../../src/demo/tenant';
import { BotUnderTest, type TestUser } from '../support/bot-harness';
import { callsTo, startTestTenant } from '../support/demo-tenant';
import { buttonsOf, type Button } from './cards';

export const users = {
  employee: { id: DEMO_USER_IDS.employee, name: 'Chen Mei-Ling 陳美玲' },
  oneDevice: { id: DEMO_USER_IDS.oneDeviceEmployee, name: 'Lin Chih-Hao 林志豪' },
  noDevice: { id: DEMO_USER_IDS.noDeviceEmployee, name: 'Wang Ya-Ting 王雅婷' },
  other: { id: DEMO_USER_IDS.otherEmployee, name: 'Huang Kuan-Yu 黃冠宇' },
} satisfies Record<string, TestUser>;

export interface World {
  tenant: DemoTenant;
  bot: BotUnderTest;
}

/** A demo tenant and the real bot wired to it through the same settings a real tenant uses. */
export async function startWorld(options: { env?: Record<string, string>; tenant?: DemoTenant; restartOf?: BotUnderTest } = {}): Promise<World> {
  const graph = options.tenant ?? (await startTestTenant());
  const bot = await BotUnderTest.start(
    { ...graph, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
    { env: options.env, storePath: options.restartOf?.storePath, connector: options.restartOf?.connector },
  );
  return { tenant: graph, bot };
}

export async function stopWorld(world: World | undefined): Promise<void> {
  if (!world) return;
  await world.bot.stop();
  await world.tenant.stop();
}

export function resetPasscodePosts(tenant: DemoTenant, deviceId?: string): number {
  return callsTo(tenant.requests, 'POST', deviceId ? `/${deviceId}/resetPasscode` : '/resetPasscode').length;
}

/** Graph calls of any kind (reads included). */
export function graphCalls(tenant: DemoTenant): number {
  return tenant.requests.length;
}

/** The last card the bot showed in `user`'s personal chat and the id of the message that holds it. */
export function lastPersonalCard(world: World, user: TestUser): { card: Record<string, unknown>; activityId: string } {
  const conversationId = world.bot.personalConversationOf(user);
  const events = world.bot.connector.events.filter((e) => e.conversationId === conversationId);
  const last = events.at(-1);
  const card = last ? (last.activity['attachments'] as { content: Record<string, unknown> }[] | undefined)?.[0]?.content : undefined;
  if (!last || !card) throw new Error(`no card in ${conversationId}`);
  return { card, activityId: last.activityId };
}

export function button(card: unknown, verb: string): Button {
  const found = buttonsOf(card).find((b) => b.verb === verb);
  if (!found) throw new Error(`no ${verb} button on the card`);
  return found;
}

/** Says "reset my PIN" as `user`, picks `deviceId` when a picker comes, and returns the offer card's confirm button. */
export async function offerFor(world: World, user: TestUser, deviceId?: string): Promise<{ confirm: Button; cardId: string; card: Record<string, unknown> }> {
  await world.bot.say(user, 'reset my PIN');
  let { card, activityId } = lastPersonalCard(world, user);
  if (deviceId) {
    const answer = await world.bot.invoke(user, 'chooseDevice', { deviceId }, { replyToId: activityId });
    card = answer.body?.value ?? {};
  }
  return { confirm: button(card, 'confirmReset'), cardId: activityId, card };
}

export async function waitForState(world: World, requestId: string, states: string[]): Promise<string> {
  let state = '';
  await world.bot.settle(async () => {
    state = (await world.bot.store.getRequest(requestId))?.state ?? '';
    return states.includes(state);
  });
  // The card update follows the state change: let the background job that made it finish,
  // then let the outbox deliver what it enqueued.
  await world.bot.running.scheduler.idle();
  await world.bot.running.outbox.drain(5000);
  return state;
}
