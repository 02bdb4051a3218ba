// The last middleware of the Graph client: sends the request with node:http(s) over keep-alive
// connections instead of the SDK's HTTPMessageHandler (global fetch). Measured on this machine,
// fetch spends about 200 µs more CPU per call — a tenth of a whole "reset my PIN" turn. The answer
// comes back whole (body read under the attempt's deadline and the caller's signal), as a fetch Response for the SDK
// (a BufferedResponse: see there why).
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { BufferedResponse } from './buffered-response';
import { deadlineOf, type AttemptDeadline } from './middleware';

/** Connections kept open per Graph host; Intune's own limits are far below what this allows. */
const MAX_SOCKETS = 64;
/**
 * An idle kept-alive connection is closed after this long, before a load balancer on the way drops
 * it silently: a request sent on such a dead socket fails with a reset, and for an action that
 * means "uncertain". (Requests in flight are not affected; the per-attempt deadline governs them.)
 */
const IDLE_SOCKET_MS = 30_000;
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export class NodeHttpHandler implements Middleware {
  private readonly httpAgent: http.Agent;
  private readonly httpsAgent: https.Agent;

  constructor(idleSocketMs = IDLE_SOCKET_MS) {
    const agent = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: idleSocketMs };
    this.httpAgent = new http.Agent(agent);
    this.httpsAgent = new https.Agent(agent);
  }

  async execute(context: Context): Promise<void> {
    // GraphApi (client.ts) always hands the SDK a path, which the SDK turns into a URL string.
    if (typeof context.request !== 'string') throw new TypeError('NodeHttpHandler sends URL strings only');
    context.response = await this.send(new URL(context.request), context.options ?? {}, deadlineOf(context));
  }

  private send(url: URL, options: RequestInit, deadline: AttemptDeadline | undefined): Promise<Response> {
    const body = bodyOf(options.body);
    const headers = headersOf(options.headers);
    if (body) headers['content-length'] = String(body.byteLength);
    const transport = url.protocol === 'https:' ? https : http;
    const agent = url.protocol === 'https:' ? this.httpsAgent : this.httpAgent;
    return new Promise<Response>((resolve, reject) => {
      const request = transport.request(url, { method: options.method ?? 'GET', headers, agent, signal: options.signal ?? undefined }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        // 'close' without 'end': the connection died (or the deadline aborted it) mid-body.
        answer.on('close', () => {
          if (!answer.complete) reject(new Error('the connection closed before the whole answer arrived'));
        });
        answer.on('end', () => {
          const status = answer.statusCode ?? 500;
          const payload = NULL_BODY_STATUSES.has(status) ? null : Buffer.concat(chunks);
          resolve(new BufferedResponse(payload, { status, statusText: answer.statusMessage ?? '', headers: responseHeaders(answer.headers) }));
        });
      });
      request.on('error', reject);
      // Destroying the request ends a body that is still arriving too: its 'close' comes without 'end'.
      deadline?.onExpiry(() => request.destroy(new Error('the attempt\'s deadline passed')));
      request.end(body);
    });
  }
}

function bodyOf(body: RequestInit['body']): Buffer | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  throw new TypeError('a Graph request body must be a string or bytes');
}

function headersOf(headers: RequestInit['headers']): Record<string, string> {
  return Object.fromEntries(new Headers(headers).entries());
}

function responseHeaders(headers: IncomingHttpHeaders): [string, string][] {
  const pairs: [string, string][] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const one of value) pairs.push([name, one]);
    else if (value !== undefined) pairs.push([name, value]);
  }
  return pairs;
}
