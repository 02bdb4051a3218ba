import restify from 'restify';
import type { Logger } from '../log';

/** The one thing the HTTP server needs from the bot: process a POST to /api/messages. */
export interface MessageEndpoint {
  process(req: restify.Request, res: restify.Response): Promise<void>;
}

export interface HttpServer {
  url: string;
  close(): Promise<void>;
}

/** Teams activities are small; anything bigger than this is refused before JSON parsing. */
export const MAX_BODY_BYTES = 256 * 1024;

/** restify: POST /api/messages and GET /healthz — nothing else in the code knows restify. */
export async function startHttpServer(endpoint: MessageEndpoint, port: number, log: Logger, host = '0.0.0.0'): Promise<HttpServer> {
  const server = restify.createServer({ name: 'pin-reset-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false, rejectUnknown: true }));
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  server.post('/api/messages', async (req, res) => {
    try {
      await endpoint.process(req, res);
    } catch (error) {
      log.error('message endpoint failed', { error });
      if (!res.headersSent) res.send(500, { error: 'internal' });
    }
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
