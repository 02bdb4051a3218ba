import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { MicrosoftAppCredentials } from 'botframework-connector';
import sinon from 'sinon';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, type DemoTenant } from '../../src/demo/tenant';
import { BotUnderTest } from '../support/bot-harness';
import { startTestTenant } from '../support/demo-tenant';
import { graphCalls, startWorld, stopWorld, users, type World } from '../e2e/setup';

/*
 * The attacks (issue 15, "Ways in" 2), all before any token is looked at: a 249 KB gzip body that
 * inflates to 250 MB, multipart uploads that restify's body parser writes to the temp folder, and
 * bodies that are not an activity at all. Teams posts activities as `application/json` (Bot
 * Framework REST API reference, "Activity object"); nothing else is needed on this endpoint.
 */

const MB = 1024 * 1024;

/** `{"type":"message","text":"aaaa…"}` gzipped: ~249 KB on the wire, `inflatedMb` MB once inflated. */
function gzipBomb(inflatedMb: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const gzip = zlib.createGzip({ level: 9 });
    const out: Buffer[] = [];
    gzip.on('data', (chunk: Buffer) => out.push(chunk));
    gzip.on('end', () => resolve(Buffer.concat(out)));
    gzip.on('error', reject);
    gzip.write('{"type":"message","text":"');
    const chunk = Buffer.alloc(MB, 'a');
    for (let i = 0; i < inflatedMb; i += 1) gzip.write(chunk);
    gzip.end('"}');
  });
}

function activity(world: World, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: world.bot.connector.url,
    text: 'help',
    from: { id: `29:${users.employee.id}`, aadObjectId: users.employee.id },
    recipient: { id: '28:pin-reset-bot' },
    conversation: { id: world.bot.personalConversationOf(users.employee), conversationType: 'personal', tenantId: world.tenant.tenantId },
    channelData: { tenant: { id: world.tenant.tenantId } },
    ...extra,
  };
}

async function post(url: string, body: Buffer | string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${url}/api/messages`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  return response.status;
}

describe('request bodies at /api/messages', () => {
  let world: World;
  let bomb: Buffer;
  before(async function () {
    this.timeout(60_000);
    world = await startWorld();
    bomb = await gzipBomb(245);
  });
  after(() => stopWorld(world));
  beforeEach(() => world.tenant.resetLog());

  it('refuses a 249 KB gzip bomb with 413 without inflating it: memory does not grow', async () => {
    assert.ok(bomb.length < 256 * 1024, `bomb is ${bomb.length} bytes`);
    const before = process.memoryUsage().rss;
    const statuses = await Promise.all(
      Array.from({ length: 4 }, () => post(world.bot.running.url, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' })),
    );
    const grownMb = (process.memoryUsage().rss - before) / MB;
    assert.deepEqual(statuses, [413, 413, 413, 413]);
    // Inflating even one would take 245 MB; the cap keeps each request at a few hundred KB.
    assert.ok(grownMb < 120, `RSS grew by ${grownMb.toFixed(0)} MB`);
    assert.equal(graphCalls(world.tenant), 0);
  });

  it('refuses a deflate body whose decoded size is over 256 KB with 413', async () => {
    const body = zlib.deflateSync(JSON.stringify(activity(world, { text: 'x'.repeat(300 * 1024) })));
    assert.ok(body.length < 16 * 1024);
    assert.equal(await post(world.bot.running.url, body, { 'content-type': 'application/json', 'content-encoding': 'deflate' }), 413);
  });

  it('refuses a chunked body (no Content-Length) once more than 256 KB arrived, with 413', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MB at most, more than any socket buffer: the bot must answer long before, reading 256 KB.
        if (sent >= 1024) return controller.close();
        sent += 1;
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${world.bot.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    }).catch((error: unknown) => error);
    // The bot answers 413 and closes the connection; the client may see the close first.
    if (response instanceof Response) assert.equal(response.status, 413);
    assert.ok(sent < 1024, `the client could send all ${sent} chunks of 64 KB`);
  });

  it('still accepts a small gzip-encoded activity', async () => {
    const sent = world.bot.connector.events.length;
    const body = zlib.gzipSync(JSON.stringify(activity(world)));
    assert.equal(await post(world.bot.running.url, body, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' }), 200);
    assert.equal(world.bot.connector.events.length, sent + 1);
  });

  it('refuses an encoding it does not know (br) with 415', async () => {
    const body = zlib.brotliCompressSync(JSON.stringify(activity(world)));
    assert.equal(await post(world.bot.running.url, body, { 'content-type': 'application/json', 'content-encoding': 'br' }), 415);
  });

  it('refuses a multipart upload with 415 and writes nothing to the temp folder', async () => {
    // restify's multipart parser writes uploads to os.tmpdir(), which Node reads from TMPDIR each time.
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'pinbot-upload-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const form = new FormData();
      form.append('type', 'message');
      form.append('upload', new Blob([Buffer.alloc(200 * 1024, 'z')]), 'big.bin');
      const response = await fetch(`${world.bot.running.url}/api/messages`, { method: 'POST', body: form });
      await response.arrayBuffer();
      assert.equal(response.status, 415);
      assert.deepEqual(readdirSync(tmp), []);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream']) {
    it(`refuses content-type ${contentType} with 415`, async () => {
      assert.equal(await post(world.bot.running.url, JSON.stringify(activity(world)), { 'content-type': contentType }), 415);
      assert.equal(graphCalls(world.tenant), 0);
    });
  }

  it('refuses a body without a content-type with 415', async () => {
    assert.equal(await post(world.bot.running.url, Buffer.from(JSON.stringify(activity(world))), {}), 415);
  });

  for (const [name, body] of [
    ['a number as type', '{"type":5}'],
    ['an object as type', '{"type":{"a":1}}'],
    ['no type', '{"text":"hi"}'],
    ['an array', '[]'],
    ['null', 'null'],
    ['a string', '"message"'],
  ] as const) {
    it(`answers a body with ${name} with 400, not 500`, async () => {
      assert.equal(await post(world.bot.running.url, body, { 'content-type': 'application/json' }), 400);
    });
  }

  it('answers malformed gzip with 400', async () => {
    assert.equal(await post(world.bot.running.url, Buffer.from('not gzip at all'), { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 400);
  });
});

describe('request bodies in the authenticated mode: no token, no reading', () => {
  let tenant: DemoTenant;
  let bot: BotUnderTest;
  let outboundToken: sinon.SinonStub;
  before(async () => {
    outboundToken = sinon.stub(MicrosoftAppCredentials.prototype, 'getToken').resolves('outbound-token');
    tenant = await startTestTenant();
    bot = await BotUnderTest.start(
      { ...tenant, clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET },
      { env: { MicrosoftAppId: '9a1c7f52-3c1e-4b7a-9d2e-5f0a6b1c2d3e', MicrosoftAppPassword: 'bot-secret', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: DEMO_TENANT_ID } },
    );
  });
  after(async () => {
    outboundToken.restore();
    await bot?.stop();
    await tenant?.stop();
  });

  it('answers 401 to a request without Authorization before parsing its body', async () => {
    // Malformed JSON would be a 400 if the body were parsed first.
    assert.equal(await post(bot.running.url, '{"type":"message", "text": ', { 'content-type': 'application/json' }), 401);
  });

  it('answers 401 to a gzip bomb without Authorization, without inflating it', async () => {
    const bomb = zlib.gzipSync(Buffer.concat([Buffer.from('{"type":"message","text":"'), Buffer.alloc(20 * MB, 'a'), Buffer.from('"}')]));
    assert.equal(await post(bot.running.url, bomb, { 'content-type': 'application/json', 'content-encoding': 'gzip' }), 401);
  });

  it('answers 401 to a token that is not a channel token before parsing the body', async () => {
    const status = await post(bot.running.url, '{"type":"message", "text": ', { 'content-type': 'application/json', authorization: 'Bearer not-a-jwt' });
    assert.equal(status, 401);
  });
});
