import { randomUUID } from 'node:crypto';
import restify from 'restify';
import { withLogContext, type Logger } from '../log';

/** The one thing the HTTP server needs from the bot: process a POST to /api/messages. */
export interface MessageEndpoint {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export { startMetricsServer, type MetricsServer, type Probes } from './metrics-server';

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

/** Teams activities are small; anything bigger than this is refused before JSON parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * restify: POST /api/messages, GET /healthz (alive) — nothing else in the code knows restify, and
 * nothing else is on this public port (/readyz and /metrics are on METRICS_PORT, loopback only:
 * see metrics-server.ts). Every message request gets a correlation id (the caller's
 * x-correlation-id when well formed) in its answer and in every log line of its turn.
 */
export async function startHttpServer(endpoint: MessageEndpoint, port: number, log: Logger, host = '0.0.0.0'): Promise<HttpServer> {
  const server = restify.createServer({ name: 'pin-reset-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
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
        await endpoint.process(req, res);
      } catch (error) {
        log.error('message endpoint failed', { error });
        if (!res.headersSent) res.send(500, { error: 'internal' });
      }
      log.info('http request', { path: '/api/messages', status: res.statusCode, ms: Date.now() - started });
    });
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
