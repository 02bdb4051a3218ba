// A loopback proxy in front of the LocalConnector that can hold the bots' calls: "Teams is slow".
// While it is closed, every call waits unanswered, so the bot that made it keeps its outbox lease.
// When it opens, each held call is passed on, unless the bot that made it has gone (its socket
// closed, e.g. kill -9): such a call never reaches the connector, as if Teams never got it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

interface Held {
  method: string;
  path: string;
  /** The caller's socket closed before an answer: the call is dropped, never passed on. */
  abandoned: boolean;
  release: () => void;
}

export class ConnectorGate {
  private server?: http.Server;
  private closed = false;
  private readonly held: Held[] = [];
  /** Calls passed on to the connector (held ones included, once released). */
  forwarded = 0;
  /** Held calls whose caller went away: they never reached the connector. */
  readonly dropped: { method: string; path: string }[] = [];
  url = '';

  constructor(private readonly target: string) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.open();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** From now on every call waits until `open()`. */
  close(): void {
    this.closed = true;
  }

  /** Passes on every held call whose caller is still there (the others are dropped), and every later call at once. */
  open(): void {
    this.closed = false;
    for (const call of this.held.splice(0)) call.release();
  }

  /** Held calls whose caller is still there. */
  get waiting(): number {
    return this.held.filter((call) => !call.abandoned).length;
  }

  /** Held calls whose caller went away (kill -9 closes its sockets): they will be dropped at `open()`. */
  get abandoned(): number {
    return this.held.filter((call) => call.abandoned).length;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    if (this.closed) {
      const call: Held = { method, path, abandoned: false, release: () => undefined };
      res.once('close', () => {
        if (!res.writableEnded) call.abandoned = true;
      });
      await new Promise<void>((resolve) => {
        call.release = resolve;
        this.held.push(call);
      });
      if (call.abandoned || res.destroyed) {
        this.dropped.push({ method, path });
        return;
      }
    }
    this.forwarded += 1;
    await this.forward(method, path, req.headers, body, res);
  }

  private forward(method: string, path: string, headers: http.IncomingHttpHeaders, body: Buffer, res: http.ServerResponse): Promise<void> {
    const target = new URL(path, this.target);
    return new Promise<void>((resolve) => {
      const outgoing = http.request(target, { method, headers: { ...headers, host: target.host } }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.once('end', () => resolve());
        answer.once('error', () => resolve());
      });
      outgoing.once('error', () => {
        if (!res.headersSent) res.writeHead(502);
        res.end();
        resolve();
      });
      outgoing.end(body);
    });
  }
}
