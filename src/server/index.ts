import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { withLogContext, type Logger } from '../log';
import { readActivityBody } from './body';

/** What the HTTP server needs from the bot for POST /api/messages. */
export interface MessageEndpoint {
  /**
   * Before the body is read: false refuses the request with 401 (no Authorization header, or a
   * token the channel did not sign). Reading and parsing a body costs memory; a stranger gets none.
   */
  admit(authorization: string | undefined): Promise<boolean>;
  /** `req.body` holds the parsed activity: a JSON object with a string `type`. */
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export { startMetricsServer, type MetricsServer, type Probes } from './metrics-server';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

/** Teams activities are small; anything bigger than this (on the wire or decoded) is refused before JSON parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * restify: POST /api/messages, GET /healthz (alive) — nothing else in the code knows restify, and
 * nothing else is on this public port (/readyz and /metrics are on METRICS_PORT, loopback only:
 * see metrics-server.ts). Every message request gets a correlation id (the caller's
 * x-correlation-id when well formed) in its answer and in every log line of its turn.
 */
export async function startHttpServer(endpoint: MessageEndpoint, port: number, log: Logger, host = '127.0.0.1'): Promise<HttpServer> {
  const server = restify.createServer({ name: 'pin-reset-bot', handleUncaughtExceptions: false });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.post('/api/messages', async (req, res) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && CORRELATION.test(header) ? header : randomUUID();
    res.header('x-correlation-id', correlationId);
    const started = Date.now();
    await withLogContext({ correlationId }, async () => {
      try {
        if (await acceptActivity(endpoint, req, res)) await endpoint.process(req, res);
      } catch (error) {
        log.error('message endpoint failed', { error });
        if (!res.headersSent) res.send(500, { error: 'internal' });
      }
      log.info('http request', { path: '/api/messages', status: res.statusCode, ms: Date.now() - started });
    });
  });
  await new Promise<void>((resolve) => {
    server.listen(port, host, () => resolve());
  });
  const address: AddressInfo = server.address();
  const url = `http://${reachableHost(address.address)}:${address.port}`;
  log.info('listening', { url, address: address.address, port: address.port });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

/**
 * The token (where there is one to check) before the body, then the body within its limits:
 * false when the request was refused and answered here.
 */
async function acceptActivity(endpoint: MessageEndpoint, req: restify.Request, res: restify.Response): Promise<boolean> {
  if (!(await endpoint.admit(req.header('authorization') || undefined))) return refuse(res, 401);
  const body = await readActivityBody(req, MAX_BODY_BYTES);
  if (body.kind === 'refused') return refuse(res, body.status);
  req.body = body.activity;
  return true;
}

function refuse(res: restify.Response, status: number): false {
  // The rest of a refused body is not read: close the connection rather than drain it.
  res.header('connection', 'close');
  res.send(status);
  return false;
}

/** A URL this machine can call: an unspecified bind address (0.0.0.0, ::) is reached through loopback. */
function reachableHost(address: string): string {
  if (address === '0.0.0.0' || address === '::') return '127.0.0.1';
  return address.includes(':') ? `[${address}]` : address;
}
