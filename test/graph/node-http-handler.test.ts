import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from '@microsoft/microsoft-graph-client';
import { createGraphClient, GraphIntune } from '../../src/graph';
import { NodeHttpHandler } from '../../src/graph/node-http-handler';

describe('sending Graph requests over node:http', () => {
  let server: http.Server;
  let base: string;
  let connections: number;
  const received: { method: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: request.headers });
        if (request.url === '/stall') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"value": [');
          return; // never ends
        }
        if (request.url === '/slow') {
          setTimeout(() => response.end('{"value": []}'), 300);
          return;
        }
        if (request.url === '/empty') {
          // Not chained: restify, loaded by other tests, patches writeHead to return nothing.
          response.writeHead(204);
          response.end();
          return;
        }
        response.writeHead(429, { 'retry-after': '7', 'set-cookie': ['a=1', 'b=2'], 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 'TooManyRequests', message: '慢一點' } }));
      });
    });
    server.on('connection', () => (connections += 1));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    connections = 0;
    received.length = 0;
  });

  async function send(path: string, options: RequestInit = {}, through = handler): Promise<Response> {
    const context: Context = { request: `${base}${path}`, options };
    await through.execute(context);
    assert.ok(context.response);
    return context.response;
  }
  const handler = new NodeHttpHandler();

  it('sends the method, headers and body, and gives back status, headers and body', async () => {
    const answer = await send('/users/x/checkMemberGroups', { method: 'POST', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: '{"groupIds":["群組"]}' });
    assert.equal(received[0]?.method, 'POST');
    assert.equal(received[0]?.body, '{"groupIds":["群組"]}');
    assert.equal(received[0]?.headers['content-length'], String(Buffer.byteLength('{"groupIds":["群組"]}')));
    assert.equal(received[0]?.headers.authorization, 'Bearer t');
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get('retry-after'), '7');
    assert.deepEqual(answer.headers.getSetCookie(), ['a=1', 'b=2']);
    assert.equal(((await answer.json()) as { error: { message: string } }).error.message, '慢一點');
  });

  it('gives a 204 without a body', async () => {
    const answer = await send('/empty', { method: 'POST' });
    assert.equal(answer.status, 204);
    assert.equal(answer.body, null);
  });

  it('keeps one connection open for calls one after another', async () => {
    const fresh = new NodeHttpHandler();
    for (let n = 0; n < 5; n += 1) await (await send('/users/x/managedDevices', {}, fresh)).arrayBuffer();
    assert.equal(received.length, 5);
    assert.equal(connections, 1);
  });

  it('closes a kept-alive connection that stayed idle, and still serves a slow answer on a busy one', async () => {
    const shortIdle = new NodeHttpHandler(100);
    await (await send('/users/x/managedDevices', {}, shortIdle)).arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await (await send('/users/x/managedDevices', {}, shortIdle)).arrayBuffer();
    assert.equal(connections, 2, 'the idle connection was closed, the second call opened a new one');
    const slow = await send('/slow', {}, shortIdle);
    assert.equal(await slow.text(), '{"value": []}');
  });

  it('fails, rather than waiting forever, when the deadline aborts a body that stalls', async () => {
    const deadline = AbortSignal.timeout(200);
    await assert.rejects(send('/stall', { signal: deadline }));
    assert.equal(deadline.aborted, true);
  });

  it('fails at once when the connection is refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const context: Context = { request: `http://127.0.0.1:${port}/v1.0/me`, options: {} };
    await assert.rejects(handler.execute(context), { code: 'ECONNREFUSED' });
  });

  it('makes the Graph client time out on an answer whose body stalls after the headers', async () => {
    const stalling = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"value": [');
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    try {
      const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
      const graphEndpoint = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}`;
      const intune = new GraphIntune(createGraphClient({ credential, graphEndpoint, timeoutMs: 200, retry: { maxRetries: 0 } }));
      const started = Date.now();
      await assert.rejects(intune.devicesOf('00000000-0000-4000-8000-000000000001'), { name: 'GraphFailure', reason: 'timeout' });
      // The point is that it ends (a stalled body would hang forever); 50x the deadline leaves room for a loaded machine.
      assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
    } finally {
      stalling.closeAllConnections();
      stalling.close();
    }
  });
});
