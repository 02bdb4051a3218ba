import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log';

/** What /readyz and /metrics report; the composition root decides what is checked. */
export interface Probes {
  ready(): Promise<{ ready: boolean; checks: Record<string, string> }>;
  /** Prometheus text exposition format, with its content type. */
  metrics(): Promise<{ contentType: string; body: string }>;
}

export interface MetricsServer {
  url: string;
  close(): Promise<void>;
}

/**
 * GET /metrics (Prometheus text) and GET /readyz on METRICS_PORT, bound to 127.0.0.1 only: the
 * counters and the names of failing dependencies are for the operator on the machine (or a
 * scraper beside it), never for whoever reaches the public bot port.
 */
export async function startMetricsServer(probes: Probes, port: number, log: Logger): Promise<MetricsServer> {
  const server = http.createServer((req, res) => {
    answer(probes, req.method ?? '', (req.url ?? '').split('?')[0] ?? '').then(
      ({ status, contentType, body }) => {
        res.writeHead(status, { 'content-type': contentType });
        res.end(body);
      },
      (error: unknown) => {
        log.error('metrics endpoint failed', { error });
        res.writeHead(500);
        res.end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  log.info('metrics listening', { url });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(probes: Probes, method: string, path: string): Promise<{ status: number; contentType: string; body: string }> {
  if (method !== 'GET') return { status: 405, contentType: 'text/plain', body: '' };
  if (path === '/metrics') {
    const { contentType, body } = await probes.metrics();
    return { status: 200, contentType, body };
  }
  if (path === '/readyz') {
    const report = await probes.ready();
    return { status: report.ready ? 200 : 503, contentType: 'application/json', body: JSON.stringify(report) };
  }
  return { status: 404, contentType: 'text/plain', body: '' };
}
