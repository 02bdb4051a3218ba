import assert from 'node:assert/strict';
import { buttonsOf, textOf } from '../e2e/cards';
import type { ProcessBot } from '../security/support/process-bot';
import { cardsOf, type ConnectorEvent } from '../support/connector';
import { callsTo } from '../support/demo-tenant';
import {
  AGENT,
  approvedBy,
  CHANNEL,
  SECOND_CHANNEL,
  deliveredBy,
  leasedTo,
  logEvents,
  requestsOf,
  startTwoInstances,
  threadsOf,
  until,
  type Employee,
  type TwoInstances,
} from './support/two-instances';

const EMPLOYEES = 20;

/**
 * Two bot processes (real servers, `dist/src/index.js`) share one Azure Table store in Azurite, one
 * demo tenant and one connector (behind a gate that can hold calls, as a slow Teams would). What
 * must hold across instances: one Graph action per approved request however many instances click
 * at once, each proactive message delivered once whichever instance delivers it, and the work of
 * an instance killed with -9 finished by the other.
 */
describe('two bot instances sharing one Azure Table store', function () {
  // The file takes 25-35 s (start-up, 20 requests end to end, a lease expiry); each test may take 90 s on a slow machine.
  this.timeout(90_000);
  let world: TwoInstances;

  before(async function () {
    this.timeout(60_000);
    world = await startTwoInstances({ employees: EMPLOYEES, actionCompletesAfterMs: 300 });
    // The helpdesk agent chooses the approval channel, through A.
    await world.a.say(AGENT, '<at>PIN reset</at> use this channel for approvals', CHANNEL);
    assert.match(JSON.stringify(world.connector.events.at(-1)?.activity ?? {}), /approval/i, 'the bot answered in the channel');
  });

  after(async function () {
    this.timeout(20_000);
    await world?.stop();
  });

  /** "reset my PIN" and Confirm on `bot`; answers the request id once the request waits for approval. */
  async function askAndConfirm(bot: ProcessBot, employee: Employee): Promise<string> {
    const before = world.connector.events.length;
    await bot.say(employee, 'reset my PIN');
    const offer = world.connector.events.slice(before).find((e) => e.conversationId === bot.conversationOf(employee));
    const confirm = buttonsOf(cardsOf(offer?.activity ?? {})[0]).find((b) => b.verb === 'confirmReset');
    assert.ok(offer && confirm, `${employee.name} got no offer to confirm`);
    assert.equal(await bot.invoke(employee, 'confirmReset', confirm.data, offer.activityId), 200);
    return String(confirm.data['requestId']);
  }

  /** Every request waits for approval and its approval card is posted in the channel. */
  async function awaitingApproval(ids: readonly string[]): Promise<void> {
    await until('every request awaits approval', async () => (await requestsOf(world.store, ids)).every((r) => r.state === 'awaiting_approval'), 20_000);
    await until('every approval card is posted', () => ids.every((id) => threadsOf(world.connector, id).length > 0), 20_000);
  }

  /**
   * Every request has ended and both cards showing its final version were delivered
   * (request:<id>:channel-card:v<n> and request:<id>:requester-card:v<n>), and nothing is pending.
   */
  async function finishedAndDelivered(ids: readonly string[]): Promise<boolean> {
    const requests = await requestsOf(world.store, ids);
    if (!requests.every((r) => r.state === 'succeeded')) return false;
    const keys = requests.flatMap((r) => [`request:${r.id}:channel-card:v${r.version}`, `request:${r.id}:requester-card:v${r.version}`]);
    const messages = await Promise.all(keys.map((key) => world.store.outboxMessage(key)));
    return messages.every((m) => m?.state === 'delivered') && (await world.store.outboxDepth()).pending === 0;
  }

  /** The helpdesk's channel card and the requester's own card both show the reset as done. */
  async function assertOutcomeShown(ids: readonly string[]): Promise<void> {
    for (const request of await requestsOf(world.store, ids)) {
      const thread = threadsOf(world.connector, request.id)[0];
      assert.ok(thread && request.cardActivityId);
      const channelCard = cardsOf(world.connector.activity(thread.conversationId, thread.activityId) ?? {})[0];
      assert.match(textOf(channelCard), /Intune reports the reset as done/, `request ${request.id}: the channel card ends on the outcome, not an older version: ${textOf(channelCard).split('\n')[0] ?? ''}`);
      const ownCard = cardsOf(world.connector.activity(request.conversationId, request.cardActivityId) ?? {})[0];
      assert.match(textOf(ownCard), /\bDone\b/, `request ${request.id}: the requester's card shows the outcome`);
    }
  }

  function approve(bot: ProcessBot, requestId: string): Promise<number> {
    const thread = threadsOf(world.connector, requestId)[0];
    if (!thread) throw new Error(`no approval thread for ${requestId}`);
    // The click comes from the thread of the card: "<channel id>;messageid=<root id>".
    const channelId = thread.conversationId.split(';messageid=')[0] ?? '';
    return bot.invoke(AGENT, 'approveRequest', { requestId }, thread.activityId, { channelId, conversationId: thread.conversationId });
  }

  function resetPosts(): ReturnType<typeof callsTo> {
    return callsTo(world.tenant.requests, 'POST', '/resetPasscode');
  }

  /** Connector events that carry an outbox message (new channel threads and card updates); turn replies are sends. */
  function outboxEvents(): ConnectorEvent[] {
    return world.connector.events.filter((e) => e.kind === 'newThread' || e.kind === 'update');
  }

  /**
   * No channel card was updated twice with the same card: each request:<id>:channel-card:v<n> arrived
   * once (approved and done render differently). Not used for the requesters' chats, where the
   * "approved" and "executing" versions may render alike; the counts in assertEachDeliveredOnce cover those.
   */
  function assertNoRepeatedUpdates(events: readonly ConnectorEvent[]): void {
    const seen = new Map<string, number>();
    for (const e of events.filter((event) => event.kind === 'update' && event.conversationId.includes(';messageid='))) {
      // The card, not the whole activity: the connector client adds per-call fields around it.
      const key = `${e.conversationId}|${e.activityId}|${JSON.stringify(e.activity['attachments'] ?? e.activity['text'])}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    const repeated = [...seen.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${n}× ${key.slice(0, 160)}`);
    assert.deepEqual(repeated, [], 'an update delivered more than once');
  }

  /** Whatever the store marked delivered arrived at the connector exactly once, and both logs agree. */
  async function assertEachDeliveredOnce(): Promise<{ byA: number; byB: number }> {
    const depth = await world.store.outboxDepth();
    assert.equal(depth.pending, 0, 'nothing left to deliver');
    assert.equal(depth.failed, 0, 'nothing failed');
    // Every outbox message is one newThread or one update at the connector; a second delivery of
    // any of them would make the connector count more than the store.
    const leaseLost = [world.a, world.b].flatMap((bot) => logEvents(bot, 'outbox lease lost during delivery')).map((f) => String(f['eventKey']));
    assert.equal(outboxEvents().length, depth.delivered, `connector calls that carried outbox messages = messages delivered (leases lost: ${leaseLost.join(', ') || 'none'})`);
    const a = deliveredBy(world.a);
    const b = deliveredBy(world.b);
    const all = [...a, ...b];
    assert.equal(new Set(all).size, all.length, 'no eventKey is logged as delivered by both instances (or twice by one)');
    assert.equal(all.length, depth.delivered, 'every delivered message was delivered by A or B');
    return { byA: a.length, byB: b.length };
  }

  it('the same approval clicked on both instances at once, 20 times: 20 actions, every card delivered once', async () => {
    const t0 = Date.now();
    // Each employee asks and confirms, alternately through A and B.
    const ids = await Promise.all(world.employees.map((employee, i) => askAndConfirm(i % 2 === 0 ? world.a : world.b, employee)));
    await awaitingApproval(ids);
    const tAsked = Date.now();

    // The agent's Approve reaches both instances at the same moment, for all 20 requests at once.
    const clicks = await Promise.all(ids.map((id, i) => Promise.all(i % 2 === 0 ? [approve(world.a, id), approve(world.b, id)] : [approve(world.b, id), approve(world.a, id)])));
    assert.deepEqual(clicks.flat(), Array<number>(2 * EMPLOYEES).fill(200), 'every click was answered');

    await until('every request succeeded and its final cards were delivered', () => finishedAndDelivered(ids), 40_000);
    const tDone = Date.now();

    // One resetPasscode per device, 20 in all.
    const posts = resetPosts();
    assert.equal(posts.length, EMPLOYEES, 'exactly 20 resetPasscode POSTs');
    assert.deepEqual(
      posts.map((p) => p.path).sort(),
      world.employees.map((e) => `/deviceManagement/managedDevices/${e.deviceId}/resetPasscode`).sort(),
      'exactly one per device',
    );
    // Exactly one of each pair of clicks won the compare-and-set.
    const winners = [...approvedBy(world.a), ...approvedBy(world.b)];
    assert.deepEqual([...winners].sort(), [...ids].sort(), 'each request approved once, by A or by B');

    // Each request: one approval thread, its updates (approved, then done) each once, in that thread.
    for (const id of ids) {
      const threads = threadsOf(world.connector, id);
      assert.equal(threads.length, 1, `request ${id}: one approval card (request:<id>:channel-card)`);
      const thread = threads[0];
      assert.ok(thread);
      const updates = world.connector.events.filter((e) => e.kind === 'update' && e.conversationId === thread.conversationId);
      // request:<id>:channel-card:v<version> for "approved" and for "succeeded": two versions, two updates.
      assert.equal(updates.length, 2, `request ${id}: the channel card was updated once per decided/outcome version`);
      assert.ok(updates.every((u) => u.activityId === thread.activityId), 'updates replace the thread root');
      assert.ok(!buttonsOf(cardsOf(updates.at(-1)?.activity ?? {})[0]).some((b) => b.verb === 'approveRequest'), 'the last card has no buttons');
    }
    await assertOutcomeShown(ids);
    assertNoRepeatedUpdates(world.connector.events);
    const split = await assertEachDeliveredOnce();
    assert.ok(split.byA > 0 && split.byB > 0, `the burst was shared (A ${split.byA}, B ${split.byB})`);
    console.log(
      `      asked+confirmed 20 in ${tAsked - t0} ms; approved→all succeeded and delivered in ${tDone - tAsked} ms; ` +
        `approvals won: A ${approvedBy(world.a).length}, B ${approvedBy(world.b).length}; messages delivered: A ${split.byA}, B ${split.byB}`,
    );
  });

  it('kill -9 of A while it holds leased messages and follows actions: B finishes everything, each message once', async () => {
    const batch = world.employees.slice(0, 8);
    const postsBefore = resetPosts().length;
    await world.b.say(AGENT, '<at>PIN reset</at> use this channel for approvals', SECOND_CHANNEL);
    const ids = await Promise.all(batch.map((employee) => askAndConfirm(world.b, employee)));
    await awaitingApproval(ids);
    await until('the outbox is empty', async () => (await world.store.outboxDepth()).pending === 0, 20_000);
    const eventsBefore = world.connector.events.length;

    // Teams goes slow: every call from now on waits at the gate. A decides every request, so A
    // sends the actions, follows them, and its worker (woken by its own enqueues) leases the updates.
    world.gate.close();
    const clicks = await Promise.all(ids.map((id) => approve(world.a, id)));
    assert.deepEqual(clicks, Array<number>(ids.length).fill(200));
    await until('A sent every action', () => resetPosts().filter((p) => p.status === 204).length === postsBefore + ids.length, 10_000);
    const leased = await leasedTo(world.azure, world.a.pid);
    assert.ok(leased.length > 0, 'A holds leased outbox messages at the kill');
    const following = (await requestsOf(world.store, ids)).filter((r) => r.state === 'executing').map((r) => r.id);
    assert.ok(following.length > 0, 'A follows at least one executing request at the kill');
    await world.a.kill();
    const tKilled = Date.now();
    // A had calls in flight at the gate: their sockets closed with A, so they never reach the connector.
    await until('the gate sees calls of A abandoned', () => world.gate.abandoned > 0, 2_000);
    // The kernel closed all of A's sockets at once; let every close reach the gate before it opens.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const inFlight = world.gate.abandoned;
    // Teams is back.
    world.gate.open();

    await until('B ends every request', async () => (await requestsOf(world.store, ids)).every((r) => r.state === 'succeeded'), 20_000).catch(async (error: unknown) => {
      const states = (await requestsOf(world.store, ids)).map((r) => `${r.id.slice(0, 8)} ${r.state} nextCheckAt=${r.nextCheckAt ?? '-'}`);
      throw new Error(`${error instanceof Error ? error.message : String(error)}; now ${new Date().toISOString()}:\n${states.join('\n')}`);
    });
    const tFinal = Date.now() - tKilled;
    await until('B delivers everything', () => finishedAndDelivered(ids), 20_000);
    const tDelivered = Date.now() - tKilled;

    assert.equal(resetPosts().length, postsBefore + ids.length, 'still one action per request');
    await assertOutcomeShown(ids);
    assertNoRepeatedUpdates(world.connector.events.slice(eventsBefore));
    await assertEachDeliveredOnce();
    // What A held when it died went out through B, once (A's log never recorded it delivered).
    for (const key of leased) {
      assert.ok(deliveredBy(world.b).includes(key) && !deliveredBy(world.a).includes(key), `${key} was delivered by B`);
    }
    console.log(
      `      at the kill A held ${leased.length} leased messages and followed ${following.length} requests; ` +
        `${inFlight} of its calls were in flight and died with it; B ended every request ${tFinal} ms and delivered everything ${tDelivered} ms after the kill`,
    );
  });
});
