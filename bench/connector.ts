// A fast local Bot Framework connector for the benchmark: answers like the real one, counts what
// the bots send, keeps only the last message of each conversation (to read the card a user was
// shown) and a timeline of channel threads. It can answer chosen new-thread attempts with 429 and
// Retry-After, as Teams does when a bot goes too fast. Loopback only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type ConnectorKind = 'send' | 'reply' | 'update' | 'createConversation' | 'newThread';

/** One attempt to start a channel thread, answered or refused. */
export interface ThreadAttempt {
  at: number;
  channelId: string;
  /** The request id the approval card carries (its buttons' data), if any. */
  requestId: string | undefined;
  status: number;
  retryAfterSeconds?: number;
}

export interface PostedMessage {
  activityId: string;
  /** The activity as sent (JSON text); parsed only when a phase asks for it. */
  body: string;
}

const REQUEST_ID = /"requestId"\s*:\s*"([0-9a-fA-F-]{36})"/;

export class BenchConnector {
  readonly counts: Record<ConnectorKind, number> = { send: 0, reply: 0, update: 0, createConversation: 0, newThread: 0 };
  /** Requests of any kind, with the time they arrived (for the overall rate of a phase). */
  readonly arrivals: { at: number; kind: ConnectorKind | 'throttled' }[] = [];
  readonly threadAttempts: ThreadAttempt[] = [];
  unknownRequests = 0;
  /** TCP connections the bots opened to the connector since reset(): 0 in a steady run when they keep connections alive. */
  connectionsOpened = 0;
  /** Returns Retry-After seconds to refuse the n-th new-thread attempt (1-based) with 429, else undefined. */
  throttleThread: (attempt: number) => number | undefined = () => undefined;
  private readonly lastPosted = new Map<string, PostedMessage>();
  private readonly chats = new Map<string, string>();
  private server?: http.Server;
  private counter = 0;
  private recordArrivals = false;
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    this.server.on('connection', () => {
      this.connectionsOpened += 1;
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Starts counting afresh (and records arrival times when asked: a burst, not a throughput run). */
  reset(options: { recordArrivals?: boolean } = {}): void {
    for (const kind of Object.keys(this.counts) as ConnectorKind[]) this.counts[kind] = 0;
    this.arrivals.length = 0;
    this.threadAttempts.length = 0;
    this.unknownRequests = 0;
    this.connectionsOpened = 0;
    this.recordArrivals = options.recordArrivals ?? false;
  }

  /** The last message (send, reply or thread root) posted into a conversation. */
  lastMessageIn(conversationId: string): PostedMessage | undefined {
    return this.lastPosted.get(conversationId);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readText(req);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const match = /^\/v3\/conversations(?:\/(.+?)\/activities(?:\/(.+))?)?$/.exec(path);
    if (!match) {
      this.unknownRequests += 1;
      return reply(res, 404, { error: { code: 'NotFound', message: `bench connector: no ${method} ${path}` } });
    }
    const [, conversationId, activityId] = match;
    if (!conversationId) return this.createConversation(body, res);
    const kind: ConnectorKind = method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    const id = kind === 'update' && activityId ? activityId : `activity-${++this.counter}`;
    this.note(kind);
    if (kind !== 'update') this.lastPosted.set(conversationId, { activityId: id, body });
    reply(res, kind === 'update' ? 200 : 201, { id });
  }

  /** POST /v3/conversations: a new channel thread when channelData names a channel, else a 1:1 chat. */
  private createConversation(body: string, res: http.ServerResponse): void {
    const parsed = JSON.parse(body || '{}') as { channelData?: { channel?: { id?: string } }; members?: { id?: string }[] };
    const channelId = parsed.channelData?.channel?.id;
    if (channelId) return this.newThread(channelId, body, res);
    this.note('createConversation');
    const member = (parsed.members?.[0]?.id ?? `anonymous-${++this.counter}`).toLowerCase();
    const chat = this.chats.get(member) ?? `a:bench-chat-${++this.counter}`;
    this.chats.set(member, chat);
    reply(res, 201, { id: chat });
  }

  private newThread(channelId: string, body: string, res: http.ServerResponse): void {
    const attempt: ThreadAttempt = { at: Date.now(), channelId, requestId: REQUEST_ID.exec(body)?.[1]?.toLowerCase(), status: 201 };
    this.threadAttempts.push(attempt);
    const retryAfter = this.throttleThread(this.threadAttempts.length);
    if (retryAfter !== undefined) {
      attempt.status = 429;
      attempt.retryAfterSeconds = retryAfter;
      this.note('throttled');
      return reply(res, 429, { error: { code: 'Throttled', message: 'bench connector: slow down' } }, { 'retry-after': String(retryAfter) });
    }
    this.note('newThread');
    const rootId = String(++this.counter);
    const conversationId = `${channelId};messageid=${rootId}`;
    this.lastPosted.set(conversationId, { activityId: rootId, body });
    reply(res, 201, { id: conversationId, activityId: rootId });
  }

  private note(kind: ConnectorKind | 'throttled'): void {
    if (kind !== 'throttled') this.counts[kind] += 1;
    if (this.recordArrivals) this.arrivals.push({ at: Date.now(), kind });
  }
}

async function readText(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function reply(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}
