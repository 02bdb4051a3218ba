// Phase 4: a burst of requests that need helpdesk approval. Every request must become exactly one
// approval card (a new thread in the helpdesk channel), delivered through the outbox under Teams'
// per-conversation limits, with the connector's 429 + Retry-After answers honoured.
import { actionData, cardAction, channelMessage, message, personalConversationOf, post, type Channel } from '../activities';
import type { BenchConnector, ThreadAttempt } from '../connector';
import { maxInWindow, pool, sleep } from '../stats';
import type { StoreReader } from '../store-reader';
import type { BenchUser } from '../tenant';

export const HELPDESK_CHANNEL = '19:bench-helpdesk-approvals@thread.tacv2';

/** Teams' per bot, per conversation limits (a channel is one conversation) — DESIGN.md. */
export const TEAMS_CONVERSATION_LIMITS = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
] as const;

export interface BurstRun {
  requested: number;
  /** Confirms answered 200 (each request now waits for approval). */
  confirmed: number;
  /** First "reset my PIN" to the last Confirm answered, s. */
  createdInS: number;
  /** Distinct requests whose card reached the channel. */
  delivered: number;
  duplicates: number;
  lost: number;
  /** First "reset my PIN" to the last card delivered, s. */
  drainS: number;
  /** Last Confirm answered to the last card delivered, s. */
  drainAfterBurstS: number;
  throttled: number;
  /** Thread attempts that came sooner after a 429 than its Retry-After allowed. */
  earlyAfter429: number;
  /** The smallest gap after a 429 to the next attempt in that channel, minus its Retry-After, ms. */
  tightestMarginMs: number;
  /**
   * Most thread attempts in any window of each Teams limit: every attempt (429s included), and
   * the accepted ones only.
   */
  windows: { limit: number; windowMs: number; most: number; mostAccepted: number }[];
  /** The attempts of the busiest second (ms after its first one, and the answer), to see how a limit was passed. */
  busiestSecond: { afterMs: number; status: number }[];
  /** Outbox rows of the channel cards per state, as the bot's store has them. */
  outbox: Record<string, number>;
}

export interface BurstLoad {
  botUrl: string;
  channel: Channel;
  connector: BenchConnector;
  store: StoreReader;
  helpdeskAgent: { id: string; name: string };
  users: readonly BenchUser[];
  concurrency: number;
  drainTimeoutMs: number;
  /** Retry-After seconds for the n-th thread attempt to be refused with 429, else undefined. */
  throttle: (attempt: number) => number | undefined;
  progress: (line: string) => void;
}

export async function approvalBurst(load: BurstLoad): Promise<BurstRun> {
  load.connector.reset({ recordArrivals: true });
  load.connector.throttleThread = load.throttle;
  await chooseApprovalChannel(load);
  const started = Date.now();
  const requestIds = (await pool(load.users, load.concurrency, (user) => requestApproval(load, user))).filter((id): id is string => id !== undefined);
  const burstEnded = Date.now();
  load.progress(`burst: ${requestIds.length} requests waiting for approval after ${((burstEnded - started) / 1000).toFixed(1)} s; draining the channel cards`);
  const lastDelivery = await waitForCards(load, requestIds);
  const attempts = load.connector.threadAttempts;
  const delivered = new Map<string, number>();
  for (const attempt of attempts) if (attempt.status === 201 && attempt.requestId) delivered.set(attempt.requestId, (delivered.get(attempt.requestId) ?? 0) + 1);
  const honoured = retryAfterHonoured(attempts);
  return {
    requested: load.users.length,
    confirmed: requestIds.length,
    createdInS: (burstEnded - started) / 1000,
    delivered: requestIds.filter((id) => delivered.has(id)).length,
    duplicates: [...delivered.values()].filter((count) => count > 1).length,
    lost: requestIds.filter((id) => !delivered.has(id)).length,
    drainS: (lastDelivery - started) / 1000,
    drainAfterBurstS: Math.max(0, lastDelivery - burstEnded) / 1000,
    throttled: attempts.filter((attempt) => attempt.status === 429).length,
    ...honoured,
    windows: TEAMS_CONVERSATION_LIMITS.map((rule) => ({
      ...rule,
      most: maxInWindow(attempts.map((a) => a.at), rule.windowMs),
      mostAccepted: maxInWindow(attempts.filter((a) => a.status === 201).map((a) => a.at), rule.windowMs),
    })),
    busiestSecond: busiestWindow(attempts, 1_000),
    outbox: load.store.outboxStates('newThread'),
  };
}

function busiestWindow(attempts: readonly ThreadAttempt[], windowMs: number): { afterMs: number; status: number }[] {
  let best: readonly ThreadAttempt[] = [];
  let start = 0;
  for (let end = 0; end < attempts.length; end += 1) {
    const last = attempts[end]?.at ?? 0;
    while ((attempts[start]?.at ?? 0) <= last - windowMs) start += 1;
    if (end - start + 1 > best.length) best = attempts.slice(start, end + 1);
  }
  const first = best[0]?.at ?? 0;
  return best.map((attempt) => ({ afterMs: attempt.at - first, status: attempt.status }));
}

/** A helpdesk agent says "use this channel for approvals" in the channel (test/e2e/approval-setup.ts). */
async function chooseApprovalChannel(load: BurstLoad): Promise<void> {
  const said = await post(load.botUrl, channelMessage(load.channel, load.helpdeskAgent, HELPDESK_CHANNEL, '<at>PIN reset</at> use this channel for approvals'));
  const answer = load.connector.lastMessageIn(`${HELPDESK_CHANNEL};messageid=1`);
  if (said.status !== 200 || !answer) throw new Error(`the bot did not answer "use this channel for approvals" (HTTP ${said.status})`);
}

/** "reset my PIN" → offer card → Confirm: the request now waits for the helpdesk. */
async function requestApproval(load: BurstLoad, user: BenchUser): Promise<string | undefined> {
  const said = await post(load.botUrl, message(load.channel, user, 'reset my PIN'));
  const card = load.connector.lastMessageIn(personalConversationOf(user));
  const requestId = card ? actionData(card.body, 'confirmReset')?.['requestId'] : undefined;
  if (said.status !== 200 || !card || typeof requestId !== 'string') return undefined;
  const confirmed = await post(load.botUrl, cardAction(load.channel, user, 'confirmReset', { requestId }, card.activityId));
  return confirmed.status === 200 ? requestId.toLowerCase() : undefined;
}

/** Waits until every request has its card in the channel (or the time is up); answers when the last arrived. */
async function waitForCards(load: BurstLoad, requestIds: readonly string[]): Promise<number> {
  const wanted = new Set(requestIds);
  const deadline = Date.now() + load.drainTimeoutMs;
  let reported = Date.now();
  const deliveredCount = (): number => new Set(load.connector.threadAttempts.filter((a) => a.status === 201 && a.requestId && wanted.has(a.requestId)).map((a) => a.requestId)).size;
  let count = deliveredCount();
  while (count < wanted.size && Date.now() < deadline) {
    await sleep(500);
    count = deliveredCount();
    if (Date.now() - reported >= 30_000) {
      reported = Date.now();
      load.progress(`burst: ${count}/${wanted.size} channel cards delivered`);
    }
  }
  const delivered = load.connector.threadAttempts.filter((a) => a.status === 201);
  return delivered.at(-1)?.at ?? Date.now();
}

/**
 * After a 429 the connector told the bot when it may come back. Teams throttles the conversation,
 * so no attempt in that channel (the retried card or any other) may arrive before then.
 */
function retryAfterHonoured(attempts: readonly ThreadAttempt[]): { earlyAfter429: number; tightestMarginMs: number } {
  let early = 0;
  let tightest = Number.POSITIVE_INFINITY;
  attempts.forEach((attempt, index) => {
    if (attempt.status !== 429 || attempt.retryAfterSeconds === undefined) return;
    const next = attempts.slice(index + 1).find((later) => later.channelId === attempt.channelId);
    if (!next) return;
    const margin = next.at - attempt.at - attempt.retryAfterSeconds * 1000;
    tightest = Math.min(tightest, margin);
    if (margin < 0) early += 1;
  });
  return { earlyAfter429: early, tightestMarginMs: Number.isFinite(tightest) ? tightest : Number.NaN };
}
