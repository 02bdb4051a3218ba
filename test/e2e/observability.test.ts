import assert from 'node:assert/strict';
import { DEMO_CLIENT_ID } from '../../src/demo/tenant';
import { BotUnderTest } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { offerFor, startWorld, stopWorld, users, waitForState, type World } from './setup';

describe('observability', () => {
  let world: World;
  before(async () => {
    world = await startWorld();
  });
  after(() => stopWorld(world));

  it('is ready when the store answers and a Graph token can be had', async () => {
    const response = await fetch(`${world.bot.running.url}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ready: true, checks: { store: 'ok', graphToken: 'ok' } });
  });

  it('counts requests by platform and state, Graph calls, and shows the outbox depth', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    await waitForState(world, String(confirm.data['requestId']), ['succeeded']);
    const metrics = (await (await fetch(`${world.bot.running.url}/metrics`)).json()) as {
      counters: { name: string; labels: Record<string, string>; value: number }[];
      outbox: { pending: number; delivered: number; failed: number };
    };
    const count = (name: string, labels: Record<string, string>): number =>
      metrics.counters.filter((c) => c.name === name && Object.entries(labels).every(([k, v]) => c.labels[k] === v)).reduce((sum, c) => sum + c.value, 0);
    assert.ok(count('pinbot_requests_total', { platform: 'ios', state: 'succeeded' }) >= 1);
    assert.ok(count('pinbot_graph_calls_total', { method: 'POST', outcome: '204' }) >= 1);
    assert.ok(metrics.outbox.delivered >= 1);
  });

  it('echoes a well-formed correlation id and logs it with the request', async () => {
    const response = await fetch(`${world.bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'trace-42' },
      body: JSON.stringify({ type: 'typing', channelId: 'msteams', serviceUrl: world.bot.connector.url, conversation: { id: 'a:x' }, from: { id: '29:x' }, recipient: { id: '28:b' } }),
    });
    assert.equal(response.headers.get('x-correlation-id'), 'trace-42');
    assert.ok(world.bot.lines.some((l) => l.includes('"correlationId":"trace-42"')));
  });
});

describe('readiness when Graph refuses the app', () => {
  it('answers 503 and names the failing check', async () => {
    const tenant = await startTestTenant();
    const bot = await BotUnderTest.start({ ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: 'wrong-secret' });
    try {
      const response = await fetch(`${bot.running.url}/readyz`);
      assert.equal(response.status, 503);
      assert.deepEqual(((await response.json()) as { checks: unknown }).checks, { store: 'ok', graphToken: 'failing' });
    } finally {
      await bot.stop();
      await tenant.stop();
    }
  });
});
