// Phase 2: the Confirm click (adaptiveCard/action invoke) while every Graph call takes 2 s. Teams
// shows "unable to reach app" when the invoke answer is late, so the answer must not wait for Graph.
import { actionData, cardAction, message, personalConversationOf, post, type Channel } from '../activities';
import type { BenchConnector } from '../connector';
import { percentiles, pool, sleep, type Percentiles } from '../stats';
import { FINAL_STATES, type StoreReader } from '../store-reader';
import type { BenchUser } from '../tenant';
import type { DemoTenant } from '../../src/demo/tenant';

export interface InvokeRun {
  latencyMs: Percentiles;
  /** Answers that were 200 with an Adaptive Card. */
  withCard: number;
  total: number;
  graphLatencyMs: number;
  /** Requests that reached a final state once Graph was fast again (the confirms did start the work). */
  finished: number;
}

export interface InvokeLoad {
  botUrl: string;
  channel: Channel;
  connector: BenchConnector;
  tenant: DemoTenant;
  store: StoreReader;
  /** Each with several devices: one confirm per device, one round per device index. */
  users: readonly BenchUser[];
  baseLatencyMs: number;
  slowGraphMs: number;
}

interface Offer {
  user: BenchUser;
  cardId: string;
  requestIds: string[];
}

export async function confirmWhileGraphIsSlow(load: InvokeLoad): Promise<InvokeRun> {
  // Offers are made while Graph is fast: only the Confirm is measured.
  const offers = await pool(load.users, load.users.length, (user) => offersFor(load, user));
  load.tenant.injectFault({ method: '*', path: /./, delayMs: Math.max(0, load.slowGraphMs - load.baseLatencyMs), times: 1e9 });
  const latencies: number[] = [];
  let withCard = 0;
  const rounds = Math.min(...offers.map((offer) => offer.requestIds.length));
  try {
    for (let round = 0; round < rounds; round += 1) {
      await pool(offers, offers.length, async (offer) => {
        const requestId = offer.requestIds[round] ?? '';
        const answer = await post(load.botUrl, cardAction(load.channel, offer.user, 'confirmReset', { requestId }, offer.cardId));
        latencies.push(answer.ms);
        if (answer.status === 200 && answer.body.includes('application/vnd.microsoft.card.adaptive')) withCard += 1;
      });
    }
  } finally {
    load.tenant.clearFaults();
  }
  const all = offers.flatMap((offer) => offer.requestIds.slice(0, rounds));
  const finished = await waitForFinal(load.store, all, 60_000);
  return { latencyMs: percentiles(latencies), withCard, total: latencies.length, graphLatencyMs: load.slowGraphMs, finished };
}

/** "reset my PIN" → the picker; each device chosen → its offer card and request id. */
async function offersFor(load: InvokeLoad, user: BenchUser): Promise<Offer> {
  const said = await post(load.botUrl, message(load.channel, user, 'reset my PIN'));
  const picker = load.connector.lastMessageIn(personalConversationOf(user));
  if (said.status !== 200 || !picker) throw new Error(`no device picker for ${user.id} (HTTP ${said.status})`);
  const requestIds: string[] = [];
  for (const deviceId of user.deviceIds) {
    const answer = await post(load.botUrl, cardAction(load.channel, user, 'chooseDevice', { deviceId }, picker.activityId));
    const requestId = answer.status === 200 ? actionData(answer.body, 'confirmReset')?.['requestId'] : undefined;
    if (typeof requestId !== 'string') throw new Error(`no offer for device ${deviceId} (HTTP ${answer.status}): ${answer.body.slice(0, 300)}`);
    requestIds.push(requestId);
  }
  return { user, cardId: picker.activityId, requestIds };
}

export async function waitForFinal(store: StoreReader, requestIds: readonly string[], timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let finished = store.countIn(requestIds, FINAL_STATES);
  while (finished < requestIds.length && Date.now() < deadline) {
    await sleep(250);
    finished = store.countIn(requestIds, FINAL_STATES);
  }
  return finished;
}
