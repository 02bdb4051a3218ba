import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent to the Bot Framework connector, as a Teams client would receive it. */
export interface ConnectorEvent {
  kind: 'send' | 'reply' | 'update' | 'createConversation';
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
}

/**
 * A local Bot Framework connector (the `serviceUrl` of test activities): records every send, reply,
 * update and created conversation, and answers like the real one with ids.
 */
export class LocalConnector {
  readonly events: ConnectorEvent[] = [];
  private server?: http.Server;
  private counter = 0;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Every card the bot showed in a conversation (sent or updated), in order. */
  cardsIn(conversationId: string): Record<string, unknown>[] {
    return this.events.filter((e) => e.conversationId === conversationId).flatMap((e) => cardsOf(e.activity));
  }

  /** Every text the bot wrote anywhere, to search for secrets. */
  allText(): string {
    return JSON.stringify(this.events);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const match = /^\/v3\/conversations(?:\/(.+?)\/activities(?:\/(.+))?)?$/.exec(path);
    if (!match) {
      res.writeHead(404);
      res.end();
      return;
    }
    const [, conversationId, activityId] = match;
    const id = activityId && req.method === 'PUT' ? activityId : `activity-${++this.counter}`;
    if (!conversationId) {
      const created = `a:created-${++this.counter}`;
      this.events.push({ kind: 'createConversation', conversationId: created, activityId: '', activity: body });
      return json(res, 201, { id: created });
    }
    const kind = req.method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    this.events.push({ kind, conversationId, activityId: id, activity: body });
    json(res, kind === 'update' ? 200 : 201, { id });
  }
}

export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = Array.isArray(activity['attachments']) ? activity['attachments'] : [];
  return attachments
    .filter((a): a is { contentType: string; content: Record<string, unknown> } => typeof a === 'object' && a !== null && 'content' in a)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  // restify patches http.ServerResponse in this process, so writeHead is not chainable here.
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
