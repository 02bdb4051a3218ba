import { randomUUID } from 'node:crypto';
import restify from 'restify';
import type { Logger } from '../log';

/** The one thing the HTTP server needs from the bot: process a POST to /api/messages. */
export interface MessageEndpoint {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

/** What /readyz and /metrics report; the composition root decides what is checked. */
export interface Probes {
  ready(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  metrics(): Promise<unknown>;
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

/** Teams activities are small; anything bigger than this is refused before JSON parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * restify: POST /api/messages, GET /healthz (alive), GET /readyz (dependencies reachable),
 * GET /metrics — nothing else in the code knows restify. Every message request gets a
 * correlation id (the caller's x-correlation-id when well formed) in its log line and answer.
 */
export async function startHttpServer(endpoint: MessageEndpoint, probes: Probes, port: number, log: Logger, host = '0.0.0.0'): Promise<HttpServer> {
  const server = restify.createServer({ name: 'pin-reset-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.get('/readyz', async (_req, res) => {
    const report = await probes.ready();
    res.send(report.ready ? 200 : 503, report);
  });
  server.get('/metrics', async (_req, res) => {
    res.send(200, await probes.metrics());
  });
  server.post('/api/messages', async (req, res) => {
    const header = req.header('x-correlation-id');
    const correlationId = header && CORRELATION.test(header) ? header : randomUUID();
    res.header('x-correlation-id', correlationId);
    const started = Date.now();
    try {
      await endpoint.process(req, res);
    } catch (error) {
      log.error('message endpoint failed', { correlationId, error });
      if (!res.headersSent) res.send(500, { error: 'internal' });
    }
    log.info('http request', { correlationId, path: '/api/messages', status: res.statusCode, ms: Date.now() - started });
  });
  await new Promise<void>((resolve) => server.listen(port, host, () => resolve()));
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}`;
  log.info('listening', { url });
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
