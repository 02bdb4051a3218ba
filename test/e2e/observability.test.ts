import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from '../../src/demo/tenant';
import { BotUnderTest } from '../support/bot-harness';
import { startTestTenant, testCertificate } from '../support/demo-tenant';
import { offerFor, startWorld, stopWorld, users, waitForState, type World } from './setup';

/** One sample of the Prometheus text exposition format 0.0.4: `name{label="value",…} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The value is what Go's ParseFloat reads (the format's definition): digits, or NaN/±Inf in any letter case. */
const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+-]+|(?:[+-]?(?:inf|infinity)|nan)(?![a-z]))(?: -?\d+)?$/i;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the exposition format strictly (prometheus.io/docs/instrumenting/exposition_formats): a line that is neither a comment nor a sample fails. */
function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP ') || line.startsWith('# TYPE ')) continue;
    const match = SAMPLE.exec(line);
    assert.ok(match, `not Prometheus text: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key ?? ''] = value ?? '';
    samples.push({ name: match[1] ?? '', labels, value: Number(match[3]) });
  }
  return samples;
}

function total(samples: Sample[], name: string, labels: Record<string, string>): number {
  return samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

describe('observability', () => {
  let world: World;
  before(async () => {
    world = await startWorld({ env: { METRICS_PORT: '0' } });
  });
  after(() => stopWorld(world));

  it('is ready when the store answers and a Graph token can be had (on the metrics port)', async () => {
    const response = await fetch(`${world.bot.running.metricsUrl}/readyz`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { ready: true, checks: { store: 'ok', graphToken: 'ok' } });
  });

  it('serves Prometheus text: requests by platform and state, Graph calls by route template, the outbox depth', async () => {
    const { confirm, cardId } = await offerFor(world, users.oneDevice);
    await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
    await waitForState(world, String(confirm.data['requestId']), ['succeeded']);
    const response = await fetch(`${world.bot.running.metricsUrl}/metrics`);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const samples = parsePrometheusText(text);
    assert.ok(total(samples, 'pinbot_requests_total', { platform: 'ios', state: 'succeeded' }) >= 1);
    assert.ok(total(samples, 'pinbot_graph_calls_total', { method: 'POST', route: '/deviceManagement/managedDevices/{id}/resetPasscode', outcome: '204' }) >= 1);
    assert.ok(total(samples, 'pinbot_graph_calls_total', { method: 'GET', route: '/users/{id}/managedDevices' }) >= 1);
    await world.bot.settle(async () => {
      const again = parsePrometheusText(await (await fetch(`${world.bot.running.metricsUrl}/metrics`)).text());
      return total(again, 'pinbot_outbox_messages', { state: 'delivered' }) >= 1;
    });
    assert.ok(total(samples, 'process_resident_memory_bytes', {}) > 0, 'the process figures');
    assert.ok(!text.includes(users.oneDevice.id), 'a user id in a label');
  });

  it('echoes a well-formed correlation id and writes it on every log line of the turn', async () => {
    const before = world.bot.lines.length;
    const response = await fetch(`${world.bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-correlation-id': 'trace-42' },
      // No aadObjectId: the turn logs a refusal, so there is a line from inside the turn.
      body: JSON.stringify({ type: 'message', text: 'help', channelId: 'msteams', serviceUrl: world.bot.connector.url, conversation: { id: 'a:x', conversationType: 'personal' }, from: { id: '29:x' }, recipient: { id: '28:b' } }),
    });
    await response.arrayBuffer();
    assert.equal(response.headers.get('x-correlation-id'), 'trace-42');
    const lines = world.bot.lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const ofTurn = lines.filter((line) => line['correlationId'] === 'trace-42');
    assert.ok(ofTurn.some((line) => line['event'] === 'http request'), JSON.stringify(lines));
    assert.ok(ofTurn.some((line) => line['event'] !== 'http request'), `no line from inside the turn: ${JSON.stringify(lines)}`);
  });
});

describe('without METRICS_PORT', () => {
  it('serves no /metrics and no /readyz at all', async () => {
    const world = await startWorld();
    try {
      assert.equal(world.bot.running.metricsUrl, undefined);
      assert.equal((await fetch(`${world.bot.running.url}/metrics`)).status, 404);
    } finally {
      await stopWorld(world);
    }
  });
});

describe('readiness when Graph refuses the app', () => {
  it('answers 503 and names the failing check (on the metrics port)', async () => {
    const tenant = await startTestTenant();
    const bot = await BotUnderTest.start({ ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: 'wrong-secret' }, { env: { METRICS_PORT: '0' } });
    try {
      const response = await fetch(`${bot.running.metricsUrl}/readyz`);
      assert.equal(response.status, 503);
      assert.deepEqual(((await response.json()) as { checks: unknown }).checks, { store: 'ok', graphToken: 'failing' });
    } finally {
      await bot.stop();
      await tenant.stop();
    }
  });
});

/** What Azure Monitor's exporter posts to `<IngestionEndpoint>/v2.1/track`: Application Insights envelopes. */
interface Envelope {
  name: string;
  tags?: Record<string, string>;
  data: { baseType: string; baseData: Record<string, unknown> };
}

describe('OpenTelemetry export to Application Insights', () => {
  it('sends spans named by route template, metrics and logs to the connection string’s endpoint, with no ids or secrets', async () => {
    const received: Envelope[] = [];
    // The exporter turns an http:// IngestionEndpoint into https://: a local HTTPS endpoint with the test certificate.
    const { certPath, keyPath } = testCertificate();
    const ingestion = https.createServer({ cert: readFileSync(certPath), key: readFileSync(keyPath) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString() : body.toString();
        if (req.url?.startsWith('/v2.1/track')) received.push(...(JSON.parse(text) as Envelope[]));
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 0, itemsAccepted: 0, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', () => resolve()));
    const address = ingestion.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // The SDK's own usage statistics ("statsbeat") would go to a Microsoft endpoint: off in a test.
    process.env['APPLICATION_INSIGHTS_NO_STATSBEAT'] = 'true';
    const world = await startWorld({
      env: { APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=https://127.0.0.1:${port}/` },
    });
    let stopped = false;
    try {
      const { confirm, cardId } = await offerFor(world, users.oneDevice);
      await world.bot.invoke(users.oneDevice, 'confirmReset', confirm.data, { replyToId: cardId });
      await waitForState(world, String(confirm.data['requestId']), ['succeeded']);
      // Stopping flushes the last spans, metrics and logs.
      await stopWorld(world);
      stopped = true;
      const spans = received.filter((e) => e.data.baseType === 'RemoteDependencyData' || e.data.baseType === 'RequestData').map((e) => String(e.data.baseData['name']));
      for (const name of ['turn', 'graph GET /users/{id}/managedDevices', 'graph POST /deviceManagement/managedDevices/{id}/resetPasscode', 'store transition']) {
        assert.ok(spans.includes(name), `${name} not in ${JSON.stringify([...new Set(spans)])}`);
      }
      assert.ok(spans.some((name) => name.startsWith('outbox deliver ')), 'an outbox delivery span');
      const turns = received.filter((e) => e.data.baseData['name'] === 'turn').map((e) => e.data.baseData['properties'] as Record<string, string> | undefined);
      assert.ok(turns.some((properties) => typeof properties?.['pinbot.correlation_id'] === 'string'), 'the turn span carries the correlation id');
      const metrics = received.filter((e) => e.data.baseType === 'MetricData').flatMap((e) => (e.data.baseData['metrics'] as { name: string }[]).map((m) => m.name));
      assert.ok(metrics.includes('pinbot_requests_total'), JSON.stringify([...new Set(metrics)]));
      assert.ok(received.some((e) => e.data.baseType === 'MessageData'), 'log lines as traces');
      // A log line written inside a span names its trace, which is the operation id Application Insights shows.
      const traced = world.bot.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => typeof line['traceId'] === 'string');
      const operations = new Set(received.map((e) => e.tags?.['ai.operation.id']));
      assert.ok(traced.some((line) => operations.has(String(line['traceId']))), 'no stdout log line names a trace that was exported');
      const spanText = JSON.stringify(received.filter((e) => e.data.baseType !== 'MessageData'));
      const deviceIds = [...spanText.matchAll(/managedDevices\/([^/"{][^/"]*)/g)].map((m) => m[1]);
      assert.deepEqual(deviceIds, [], 'device ids in spans or metrics');
      assert.ok(!spanText.includes(users.oneDevice.id), 'a user id in spans or metrics');
      const everything = JSON.stringify(received);
      for (const secret of [DEMO_CLIENT_SECRET, 'Bearer ']) assert.ok(!everything.includes(secret), `secret sent: ${secret}`);
    } finally {
      delete process.env['APPLICATION_INSIGHTS_NO_STATSBEAT'];
      if (!stopped) await stopWorld(world);
      ingestion.closeAllConnections();
      await new Promise<void>((resolve) => ingestion.close(() => resolve()));
    }
  });
});
