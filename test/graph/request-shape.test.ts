import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGraphClient, type GraphApi } from '../../src/graph';

// What reaches Graph, as Microsoft Graph's REST reference shows its requests: the version in the
// path (`/v1.0/…`, `/beta/…`), `Authorization: Bearer …`, and a JSON body sent with
// `Content-Type: application/json` (e.g. "user: checkMemberGroups", "managedDevice:
// resetPasscode"). The client used to build these through the Graph SDK's GraphRequest and now
// builds them itself: these tests pin the shape either way.
describe('the requests the Graph client sends', () => {
  let server: http.Server;
  let graph: GraphApi;
  const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

  before(async () => {
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"value":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const credential = { getToken: async () => ({ token: 'token-1', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    graph = createGraphClient({ credential, graphEndpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => (received.length = 0));

  it('puts the version before the path and the encoded query after it', async () => {
    await graph.call({ method: 'GET', path: '/users/a%20b/managedDevices', query: { $select: 'id,deviceName', $filter: "operatingSystem eq 'iOS&x'" }, version: 'beta' });
    assert.equal(received[0]?.url, "/beta/users/a%20b/managedDevices?$select=id%2CdeviceName&$filter=operatingSystem%20eq%20%27iOS%26x%27");
    await graph.call({ method: 'GET', path: '/me' });
    assert.equal(received[1]?.url, '/v1.0/me');
  });

  it('sends the bearer token and the call\'s own headers, and no body or content type on a GET', async () => {
    await graph.call({ method: 'GET', path: '/users/x/managedDevices', headers: { Prefer: 'include-unknown-enum-members' } });
    assert.equal(received[0]?.headers.authorization, 'Bearer token-1');
    assert.equal(received[0]?.headers.prefer, 'include-unknown-enum-members');
    assert.equal(received[0]?.headers['content-type'], undefined);
    assert.equal(received[0]?.body, '');
  });

  it('sends a POST or PATCH body as JSON with Content-Type application/json', async () => {
    await graph.call({ method: 'POST', path: '/users/x/checkMemberGroups', body: { groupIds: ['群組-1'] } });
    await graph.call({ method: 'PATCH', path: '/users/x', body: { displayName: 'A' } });
    for (const request of received) {
      assert.equal(request.headers['content-type'], 'application/json');
      assert.equal(request.headers['content-length'], String(Buffer.byteLength(request.body)));
    }
    assert.deepEqual(JSON.parse(received[0]?.body ?? ''), { groupIds: ['群組-1'] });
    assert.equal(received[0]?.method, 'POST');
    assert.deepEqual(JSON.parse(received[1]?.body ?? ''), { displayName: 'A' });
    assert.equal(received[1]?.method, 'PATCH');
  });

  it('keeps a content type the call names, and sends a POST without a body empty', async () => {
    await graph.call({ method: 'POST', path: '/x', body: '<a/>', headers: { 'content-type': 'text/plain' } });
    assert.equal(received[0]?.headers['content-type'], 'text/plain');
    assert.equal(received[0]?.body, '<a/>');
    await graph.call({ method: 'POST', path: '/deviceManagement/managedDevices/d/resetPasscode' });
    assert.equal(received[1]?.body, '');
  });
});
