import assert from 'node:assert/strict';
import http from 'node:http';
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

describe('Application Insights export', () => {
  it('sends the counters as MetricData envelopes to the ingestion endpoint of the connection string', async () => {
    const received: { name: string; data: { baseData: { metrics: { name: string; value: number }[] } } }[] = [];
    const ingestion = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        if (req.url === '/v2.1/track') received.push(...(JSON.parse(body) as typeof received));
        res.writeHead(200);
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', () => resolve()));
    const address = ingestion.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const world = await startWorld({
      env: {
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:${port}/`,
        METRICS_EXPORT_INTERVAL_SECONDS: '0.2',
      },
    });
    try {
      await world.bot.say(users.oneDevice, 'reset my PIN');
      await world.bot.settle(() => received.some((e) => e.data.baseData.metrics.some((m) => m.name === 'pinbot_requests_total')));
      assert.match(received[0]?.name ?? '', /^Microsoft\.ApplicationInsights\.0+1\.Metric$/);
    } finally {
      await stopWorld(world);
      await new Promise<void>((resolve) => ingestion.close(() => resolve()));
    }
  });
});
