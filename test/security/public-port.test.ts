import assert from 'node:assert/strict';
import sinon from 'sinon';
import { DEMO_TENANT_ID, DEMO_USER_IDS } from '../../src/demo/tenant';
import type { BotUnderTest, TestUser } from '../support/bot-harness';
import { epochSeconds, type JwtPayload } from './support/jwt';
import { startChannelBot, type ChannelBot } from './support/channel-bot';

/*
 * Issue 15, item 6 (found by an attack run on loopback): the public bot port answered /metrics
 * (request counts by platform and outcome) and /readyz (which dependency fails) to anyone; a
 * refused token printed a multi-line stack on stderr and its 401 body named the failing check
 * ("Invalid AppId passed on token…"), telling an attacker how far a forged token got.
 * Expected: the public port has /api/messages and /healthz only; /metrics and /readyz are on
 * METRICS_PORT, 127.0.0.1; a refused token is a bare 401 and one JSON log line with a reason.
 */
const employee: TestUser = { id: DEMO_USER_IDS.employee, name: 'Chen Mei-Ling' };

describe('the public port and refused tokens (issue 15, item 6)', () => {
  let channel: ChannelBot;
  let bot: BotUnderTest;

  before(async () => {
    channel = await startChannelBot({ kid: 'channel-key-1', endorsements: ['msteams'], env: { METRICS_PORT: '0' } });
    bot = channel.bot;
  });
  after(async () => channel?.stop());

  const token = (overrides: JwtPayload = {}): string => channel.token(overrides);

  /** Posts "help" with `authorization`; returns the answer and whatever the process wrote on stderr meanwhile. */
  async function attempt(authorization: string | undefined): Promise<{ status: number; body: string; stderr: string }> {
    const written: string[] = [];
    const stderr = sinon.stub(process.stderr, 'write').callsFake((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      const response = await bot.post(
        {
          type: 'message',
          channelId: 'msteams',
          serviceUrl: bot.connector.url,
          text: 'help',
          from: { id: `29:${employee.id}`, aadObjectId: employee.id },
          recipient: { id: '28:pin-reset-bot' },
          conversation: { id: bot.personalConversationOf(employee), conversationType: 'personal', tenantId: DEMO_TENANT_ID },
          channelData: { tenant: { id: DEMO_TENANT_ID } },
        },
        authorization === undefined ? {} : { authorization },
      );
      return { status: response.status, body: await response.text(), stderr: written.join('') };
    } finally {
      stderr.restore();
    }
  }

  it('serves neither /metrics nor /readyz on the public bot port', async () => {
    for (const path of ['/metrics', '/readyz']) {
      const response = await fetch(`${bot.running.url}${path}`);
      await response.arrayBuffer();
      assert.equal(response.status, 404, path);
    }
  });

  it('serves /metrics as Prometheus text and /readyz on METRICS_PORT, on 127.0.0.1', async () => {
    const metricsUrl = (bot.running as { metricsUrl?: string }).metricsUrl;
    assert.match(metricsUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const metrics = await fetch(`${metricsUrl}/metrics`);
    assert.equal(metrics.status, 200);
    assert.match(metrics.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    assert.match(await metrics.text(), /^# TYPE pinbot_requests_total counter$/m);
    const ready = await fetch(`${metricsUrl}/readyz`);
    assert.equal(ready.status, 200);
    assert.deepEqual(await ready.json(), { ready: true, checks: { store: 'ok', graphToken: 'ok' } });
  });

  it('answers a refused token with a bare 401 that names no failing check', async () => {
    for (const authorization of [undefined, `Bearer ${token({ aud: 'someone-else' })}`, `Bearer ${token({ exp: epochSeconds() - 3600 })}`]) {
      const refused = await attempt(authorization);
      assert.equal(refused.status, 401);
      assert.equal(refused.body, '', `body: ${refused.body}`);
    }
  });

  it('logs one JSON line per refused token with its reason, never the token, and nothing on stderr', async () => {
    const forged = token({ aud: 'someone-else' });
    const before = bot.lines.length;
    const refused = await attempt(`Bearer ${forged}`);
    assert.equal(refused.status, 401);
    assert.equal(refused.stderr, '', 'stderr');
    const lines = bot.lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    const refusals = lines.filter((line) => line['event'] === 'token refused');
    assert.equal(refusals.length, 1, JSON.stringify(lines));
    assert.equal(refusals[0]?.['reason'], 'wrongAudience');
    assert.equal(refusals[0]?.['level'], 'warn');
    assert.ok(!bot.lines.slice(before).some((line) => line.includes(forged.split('.')[2] ?? forged)), 'the token reached the log');
  });

  it('still accepts a valid channel token', async () => {
    const accepted = await attempt(`Bearer ${token()}`);
    assert.ok(accepted.status === 200 || accepted.status === 202, `status ${accepted.status}`);
  });
});
