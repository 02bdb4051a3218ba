import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the bot sent to the Bot Framework connector, as a Teams client would receive it. */
export interface ConnectorEvent {
  kind: 'send' | 'reply' | 'update' | 'createConversation' | 'newThread';
  conversationId: string;
  activityId: string;
  activity: Record<string, unknown>;
  /** When the connector received it, epoch ms. */
  at: number;
}

/** Every request the connector got, with what it answered (faults included). */
export interface ConnectorRequest {
  method: string;
  path: string;
  at: number;
  answer: number | 'dropped';
}

/** A scripted failure for the next `times` requests that match `method` and `pathPattern`. */
export type ConnectorFault = {
  method?: string;
  /** A string matches when the decoded path contains it. */
  pathPattern?: string | RegExp;
  /** Default 1. The bot's connector clients do not retry by themselves (src/bot/connector-without-retries.ts). */
  times?: number;
} & (
  | { status: number; retryAfterSeconds?: number; errorCode?: string; drop?: false }
  /** Closes the socket without an answer (the client sees ECONNRESET). */
  | { drop: true; status?: undefined }
);

const DEFAULT_CODES: Record<number, string> = { 403: 'Forbidden', 404: 'ConversationNotFound', 429: 'Throttled' };

/**
 * A local Bot Framework connector (the `serviceUrl` of test activities): records every send, reply,
 * update, created chat and new channel thread, and answers like the real one with ids. It can
 * refuse users who have not installed the app and inject faults.
 */
export class LocalConnector {
  readonly events: ConnectorEvent[] = [];
  readonly requests: ConnectorRequest[] = [];
  /** Entra object ids of users without the app: creating their chat answers 403 BotNotInConversationRoster. */
  readonly notInstalled = new Set<string>();
  private readonly faults: (ConnectorFault & { left: number })[] = [];
  /** Teams answers the same 1:1 chat for the same user every time. */
  private readonly chats = new Map<string, string>();
  private server?: http.Server;
  private counter = 0;
  url = '';
  /** Lets a test tie installs to another system (e.g. the demo tenant's Graph installs). */
  installedElsewhere: (aadObjectId: string) => boolean = () => false;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
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

  failNext(fault: ConnectorFault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /** The app is now installed for that user (as Graph's installedApps would do). */
  /** Forgets every scripted fault that has not fired yet. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  install(aadObjectId: string): void {
    for (const id of this.notInstalled) if (sameId(id, aadObjectId)) this.notInstalled.delete(id);
  }

  /** When each message posted into a conversation (send, reply, new thread) arrived, epoch ms. */
  sendTimes(conversationId: string): number[] {
    return this.posted(conversationId).map((e) => e.at);
  }

  /** Messages posted into a conversation (send, reply, new thread), in order. */
  posted(conversationId: string): ConnectorEvent[] {
    return this.events.filter((e) => e.conversationId === conversationId && (e.kind === 'send' || e.kind === 'reply' || e.kind === 'newThread'));
  }

  /** An activity as a Teams client shows it now: the last send or update with that id. */
  activity(conversationId: string, activityId: string): Record<string, unknown> | undefined {
    return this.events.filter((e) => e.conversationId === conversationId && e.activityId === activityId && e.kind !== 'createConversation').at(-1)?.activity;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readJson(req);
    const method = req.method ?? 'GET';
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const request: ConnectorRequest = { method, path, at: Date.now(), answer: 0 };
    this.requests.push(request);
    const fault = this.takeFault(method, path);
    if (fault?.drop) {
      request.answer = 'dropped';
      req.socket.destroy();
      return;
    }
    if (fault) {
      request.answer = fault.status;
      const headers: Record<string, string> = fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      return json(res, fault.status, errorBody(fault.errorCode ?? DEFAULT_CODES[fault.status] ?? 'ServiceError'), headers);
    }
    const [status, answer] = this.answer(method, path, body);
    request.answer = status;
    json(res, status, answer);
  }

  private answer(method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    const match = /^\/v3\/conversations(?:\/(.+?)\/activities(?:\/(.+))?)?$/.exec(path);
    if (!match) return [404, errorBody('NotFound')];
    const [, conversationId, activityId] = match;
    if (!conversationId) return this.createConversation(body);
    const id = activityId && method === 'PUT' ? activityId : `activity-${++this.counter}`;
    const kind = method === 'PUT' ? 'update' : activityId ? 'reply' : 'send';
    this.events.push({ kind, conversationId, activityId: id, activity: body, at: Date.now() });
    return [kind === 'update' ? 200 : 201, { id }];
  }

  /** POST /v3/conversations: a new channel thread when channelData names a channel, else a 1:1 chat. */
  private createConversation(body: Record<string, unknown>): [number, unknown] {
    const channelId = channelIdOf(body);
    if (channelId) {
      const rootId = String(++this.counter);
      const conversationId = `${channelId};messageid=${rootId}`;
      const activity = isRecord(body['activity']) ? body['activity'] : {};
      this.events.push({ kind: 'newThread', conversationId, activityId: rootId, activity, at: Date.now() });
      return [201, { id: conversationId, activityId: rootId }];
    }
    const member = memberIdOf(body);
    if (member && !this.installedElsewhere(member) && [...this.notInstalled].some((id) => sameId(id, member))) {
      return [403, errorBody('BotNotInConversationRoster', 'The bot is not part of the conversation roster.')];
    }
    const key = member?.toLowerCase() ?? `anonymous-${++this.counter}`;
    const created = this.chats.get(key) ?? `a:created-${++this.counter}`;
    this.chats.set(key, created);
    this.events.push({ kind: 'createConversation', conversationId: created, activityId: '', activity: body, at: Date.now() });
    return [201, { id: created }];
  }

  private takeFault(method: string, path: string): ConnectorFault | undefined {
    const fault = this.faults.find((f) => f.left > 0 && (!f.method || f.method === method) && matches(f.pathPattern, path));
    if (fault) fault.left -= 1;
    return fault;
  }
}

export function cardsOf(activity: Record<string, unknown>): Record<string, unknown>[] {
  const attachments = Array.isArray(activity['attachments']) ? activity['attachments'] : [];
  return attachments
    .filter((a): a is { contentType: string; content: Record<string, unknown> } => typeof a === 'object' && a !== null && 'content' in a)
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content);
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) return true;
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

function channelIdOf(body: Record<string, unknown>): string | undefined {
  const channelData = body['channelData'];
  const channel = isRecord(channelData) ? channelData['channel'] : undefined;
  const id = isRecord(channel) ? channel['id'] : undefined;
  return typeof id === 'string' && id ? id : undefined;
}

function memberIdOf(body: Record<string, unknown>): string | undefined {
  const members = body['members'];
  const first: unknown = Array.isArray(members) && members.length === 1 ? members[0] : undefined;
  const id = isRecord(first) ? first['id'] : undefined;
  return typeof id === 'string' ? id : undefined;
}

function errorBody(code: string, message = 'Injected by the local connector.'): unknown {
  return { error: { code, message } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // restify patches http.ServerResponse in this process, so writeHead is not chainable here.
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
