// Phase 3: complete self-service resets ("reset my PIN" → Confirm → Intune reports done) at 50
// concurrent users, and the Graph requests the demo tenant counted for each one.
import { actionData, cardAction, message, personalConversationOf, post, type Channel } from '../activities';
import type { BenchConnector } from '../connector';
import { percentiles, pool, sleep, type Percentiles } from '../stats';
import { FINAL_STATES, type StoreReader } from '../store-reader';
import { callsAbout, type BenchUser } from '../tenant';
import type { DemoTenant, RecordedRequest } from '../../src/demo/tenant';

export interface ResetRun {
  total: number;
  succeeded: number;
  /**
   * Intune requests up to and including the resetPasscode POST: the device list, the re-fetch and
   * the action. The manager lookup runs beside them (it is not needed to act) and counts in `all`.
   */
  upToAction: { max: number; mean: number };
  /** Resets whose manager lookup reached Graph before the action did. */
  managerLookupBeforeAction: number;
  /** Every Graph request of the reset: lists, re-fetch, action, result reads, manager lookup. */
  all: { max: number; mean: number };
  /** The requests of the costliest reset, in order ("GET /users/{user}/managedDevices", …). */
  costliest: string[];
  /** "reset my PIN" to the outcome the bot recorded, ms. */
  durationMs: Percentiles;
}

export interface ResetLoad {
  botUrl: string;
  channel: Channel;
  connector: BenchConnector;
  tenant: DemoTenant;
  store: StoreReader;
  /** One device each. */
  users: readonly BenchUser[];
  rounds: number;
}

interface Reset {
  user: BenchUser;
  requestId: string;
  startedAt: number;
  endedAt: number;
  state: string;
}

export async function completeResets(load: ResetLoad): Promise<ResetRun> {
  const resets: Reset[] = [];
  for (let round = 0; round < load.rounds; round += 1) {
    resets.push(...(await pool(load.users, load.users.length, (user) => resetOnce(load, user))));
  }
  await sleep(1_500); // let anything the last resets still do reach the tenant's log
  const windowEnd = Date.now();
  const counted = resets.map((reset, index) => {
    const next = resets.slice(index + 1).find((later) => later.user === reset.user);
    const calls = callsAbout(load.tenant.requests, [reset.user.id, ...reset.user.deviceIds], reset.startedAt, next ? next.startedAt - 1 : windowEnd);
    const action = calls.findIndex((call) => call.method === 'POST' && call.path.endsWith('/resetPasscode'));
    const beforeAction = action < 0 ? [] : calls.slice(0, action + 1);
    const managerFirst = beforeAction.some(isManagerLookup);
    return { reset, calls, upToAction: action < 0 ? Number.NaN : beforeAction.filter((call) => !isManagerLookup(call)).length, managerFirst };
  });
  const costliest = counted.reduce((worst, item) => (item.calls.length > worst.calls.length ? item : worst), counted[0] ?? { calls: [], reset: undefined });
  const upTo = counted.map((item) => item.upToAction);
  const all = counted.map((item) => item.calls.length);
  return {
    total: resets.length,
    succeeded: resets.filter((reset) => reset.state === 'succeeded').length,
    upToAction: { max: Math.max(...upTo), mean: mean(upTo) },
    managerLookupBeforeAction: counted.filter((item) => item.managerFirst).length,
    all: { max: Math.max(...all), mean: mean(all) },
    costliest: costliest.reset ? costliest.calls.map((call) => describe(call, costliest.reset.user)) : [],
    durationMs: percentiles(resets.map((reset) => reset.endedAt - reset.startedAt)),
  };
}

async function resetOnce(load: ResetLoad, user: BenchUser): Promise<Reset> {
  const startedAt = Date.now();
  const said = await post(load.botUrl, message(load.channel, user, 'reset my PIN'));
  const card = load.connector.lastMessageIn(personalConversationOf(user));
  const requestId = card ? actionData(card.body, 'confirmReset')?.['requestId'] : undefined;
  if (said.status !== 200 || !card || typeof requestId !== 'string') throw new Error(`no offer card for ${user.id} (HTTP ${said.status})`);
  const confirmed = await post(load.botUrl, cardAction(load.channel, user, 'confirmReset', { requestId }, card.activityId));
  if (confirmed.status !== 200) throw new Error(`confirm of ${requestId} answered ${confirmed.status}`);
  const deadline = Date.now() + 30_000;
  let state = load.store.stateOf(requestId) ?? '';
  while (!FINAL_STATES.includes(state) && Date.now() < deadline) {
    await sleep(50);
    state = load.store.stateOf(requestId) ?? '';
  }
  return { user, requestId, startedAt, endedAt: Date.now(), state };
}

function isManagerLookup(call: RecordedRequest): boolean {
  return call.method === 'GET' && call.path.endsWith('/manager');
}

/** A Graph call with the bench ids replaced by placeholders, for the report. */
function describe(call: RecordedRequest, user: BenchUser): string {
  let path = call.path.replace(user.id, '{user}');
  for (const deviceId of user.deviceIds) path = path.replace(deviceId, '{device}');
  const select = call.query['$select'];
  return `${call.method} ${path}${select ? `?$select=${select}` : ''}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
}
