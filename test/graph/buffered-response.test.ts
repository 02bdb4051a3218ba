import assert from 'node:assert/strict';
import { BufferedResponse } from '../../src/graph/buffered-response';

// The reference is the Fetch Standard's Response (body mixin: "consume body", "clone", "body is
// unusable"), as Node's own Response implements it: every observation below is made on both.
const init = { status: 200, statusText: 'OK', headers: [['content-type', 'application/json'], ['set-cookie', 'a=1'], ['set-cookie', 'b=2']] as [string, string][] };
const json = '{"value":[{"id":"裝置-1"}]}';

function both(payload: string | null, options = init): [string, Response][] {
  return [
    ['fetch Response', new Response(payload === null ? null : Buffer.from(payload), options)],
    ['BufferedResponse', new BufferedResponse(payload === null ? null : Buffer.from(payload), options)],
  ];
}

async function outcome(work: () => Promise<unknown>): Promise<unknown> {
  try {
    return { value: await work() };
  } catch (error: unknown) {
    return { threw: error instanceof TypeError ? 'TypeError' : String(error) };
  }
}

async function readStream(stream: ReadableStream | null): Promise<string | null> {
  if (stream === null) return null;
  return new Response(stream).text();
}

describe('a Graph answer buffered in memory behaves as a fetch Response (Fetch Standard)', () => {
  it('gives status, headers and the body as text, JSON, bytes, ArrayBuffer and Blob', async () => {
    const seen: unknown[] = [];
    for (const [, make] of [['text', (r: Response) => r.text()], ['json', (r: Response) => r.json()], ['bytes', async (r: Response) => [...(await r.bytes())]], ['arrayBuffer', async (r: Response) => [...new Uint8Array(await r.arrayBuffer())]], ['blob', async (r: Response) => (await r.blob()).text()]] as const) {
      const results = [];
      for (const [, response] of both(json)) {
        results.push({ status: response.status, ok: response.ok, statusText: response.statusText, type: response.headers.get('content-type'), cookies: response.headers.getSetCookie(), body: await make(response), used: response.bodyUsed });
      }
      assert.deepEqual(results[1], results[0]);
      seen.push(results[1]);
    }
    assert.equal(seen.length, 5);
  });

  it('refuses to read the body twice, in any combination', async () => {
    for (const second of ['text', 'json', 'arrayBuffer', 'bytes', 'blob'] as const) {
      const results = [];
      for (const [, response] of both(json)) {
        await response.text();
        results.push({ again: await outcome(() => response[second]()), clone: await outcome(async () => response.clone()), used: response.bodyUsed });
      }
      assert.deepEqual(results[1], results[0]);
      assert.deepEqual(results[1], { again: { threw: 'TypeError' }, clone: { threw: 'TypeError' }, used: true });
    }
  });

  it('streams the same bytes from body, and a read stream is a read body', async () => {
    const results = [];
    for (const [, response] of both(json)) {
      const usedBefore = response.bodyUsed;
      const streamed = await readStream(response.body);
      results.push({ usedBefore, streamed, sameStream: response.body === response.body, usedAfter: response.bodyUsed, again: await outcome(() => response.text()) });
    }
    assert.deepEqual(results[1], results[0]);
    assert.equal((results[1] as { streamed: string }).streamed, json);
  });

  it('clones an unread body, and each copy reads on its own', async () => {
    const results = [];
    for (const [, response] of both(json)) {
      const copy = response.clone();
      results.push({ original: await response.text(), copy: await copy.text(), status: copy.status, cookies: copy.headers.getSetCookie() });
    }
    assert.deepEqual(results[1], results[0]);
  });

  it('has a null body for a 204 that reads as empty, as often as asked', async () => {
    const noContent = { status: 204, statusText: 'No Content', headers: [] };
    const results = [];
    for (const [, response] of both(null, noContent)) {
      results.push({ body: response.body, first: await response.text(), second: await response.text(), used: response.bodyUsed, clone: (await outcome(async () => response.clone().status)) });
    }
    assert.deepEqual(results[1], results[0]);
    assert.deepEqual(results[1], { body: null, first: '', second: '', used: false, clone: { value: 204 } });
  });

  it('is a Response, so the Graph SDK and the client accept it as one', () => {
    assert.ok(new BufferedResponse(Buffer.from(json), init) instanceof Response);
  });
});
