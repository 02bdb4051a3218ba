import assert from 'node:assert/strict';
import { Outbox } from '../../src/notify/outbox';
import type { AppInstaller } from '../../src/notify/ports';
import { TEAMS_RATE_LIMITS } from '../../src/notify/rate-limiter';
import { systemTimer } from '../../src/notify/timer';
import { OutboxWorker } from '../../src/notify/worker';
import type { LocalConnector } from '../support/connector';
import { deliveryWorld, storedConversation, TENANT, type DeliveryWorld } from './support/delivery-world';

/** Installs the app the way Graph's installedApps would: the connector stops refusing the user. */
class ConnectorInstaller implements AppInstaller {
  readonly installedFor: string[] = [];

  constructor(private readonly connector: LocalConnector) {}

  async installFor(aadObjectId: string): Promise<'installed' | 'notPermitted'> {
    this.installedFor.push(aadObjectId);
    this.connector.install(aadObjectId);
    return 'installed';
  }
}

/** The most sends that fell into any window of `windowMs` (less a little for network jitter). */
function mostWithin(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  return Math.max(0, ...sorted.map((t, i) => sorted.slice(i).filter((u) => u < t + windowMs - 20).length));
}

describe('the outbox worker delivering through TeamsDelivery to the connector', () => {
  let world: DeliveryWorld;
  let worker: OutboxWorker;
  let outbox: Outbox;

  const start = (installer?: AppInstaller): void => {
    // Real time, Teams' real limits; only the backoff after an install is shortened.
    worker = new OutboxWorker(
      { store: world.store, delivery: world.delivery, installer, timer: systemTimer },
      { pollMs: 25, retry: { baseDelayMs: 100 }, limits: TEAMS_RATE_LIMITS, random: () => 0.5 },
    );
    outbox = new Outbox(world.store, systemTimer, () => worker.kick());
  };

  beforeEach(async () => {
    world = await deliveryWorld();
  });
  afterEach(async () => {
    await world.close();
  });

  it('delivers 30 messages to one chat exactly once each, in order and paced, through two 429s', async () => {
    const chat = 'a:personal-helpdesk-lead';
    await world.store.saveConversation(storedConversation(world, chat));
    world.connector.failNext({ pathPattern: `${chat}/`, status: 429, retryAfterSeconds: 1, times: 2 });
    start();
    const texts = Array.from({ length: 30 }, (_, i) => `request ${i + 1} needs approval`);
    for (const [i, text] of texts.entries()) {
      await outbox.enqueue({ eventKey: `request:${i + 1}:lead`, operation: { kind: 'send', target: { kind: 'conversation', conversationId: chat } }, payload: { text } });
    }

    const depth = await worker.drain(20_000);

    assert.deepEqual(depth, { pending: 0, delivered: 30, failed: 0 });
    assert.deepEqual(world.connector.posted(chat).map((e) => e.activity['text']), texts);
    const answers = world.connector.requests.filter((r) => r.path.includes(`${chat}/`)).map((r) => r.answer);
    assert.deepEqual(answers.filter((a) => a !== 201), [429, 429]);
    // The worker paces its tries, but the two 429s were retried inside botframework-connector,
    // 2 s after message 1 took its pacing slot; so message 1 lands together with the next burst
    // (Teams sees 8 sends in that second). The pacing holds for every other message.
    const times = world.connector.sendTimes(chat).slice(1);
    assert.ok(mostWithin(times, 1_000) <= 7, `at most 7 sends in a second, saw ${mostWithin(times, 1_000)}`);
    assert.ok(mostWithin(times, 2_000) <= 8, `at most 8 sends in two seconds, saw ${mostWithin(times, 2_000)}`);
    const ids = await Promise.all(texts.map(async (_, i) => (await outbox.delivered(`request:${i + 1}:lead`))?.activityId));
    assert.equal(new Set(ids).size, 30);
  });

  it('installs the app for a manager who never opened it, then creates the chat and delivers', async () => {
    const manager = '5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9';
    world.connector.notInstalled.add(manager);
    const installer = new ConnectorInstaller(world.connector);
    start(installer);
    await outbox.enqueue({
      eventKey: 'request:7:manager',
      operation: { kind: 'send', target: { kind: 'user', aadObjectId: manager, tenantId: TENANT } },
      payload: { text: 'your report asked for a PIN reset' },
    });

    const depth = await worker.drain(10_000);

    assert.deepEqual(depth, { pending: 0, delivered: 1, failed: 0 });
    assert.deepEqual(installer.installedFor, [manager]);
    const delivered = await outbox.delivered('request:7:manager');
    assert.match(delivered?.conversationId ?? '', /^a:created-/);
    assert.equal((await world.store.personalConversationOf(manager))?.conversationId, delivered?.conversationId);
    assert.deepEqual(world.connector.posted(delivered?.conversationId ?? '').map((e) => e.activity['text']), ['your report asked for a PIN reset']);
    const creates = world.connector.requests.filter((r) => r.path === '/v3/conversations').map((r) => r.answer);
    assert.deepEqual(creates, [403, 201]);
  });
});
