// Teams activities as the channel posts them to /api/messages, and what the benchmark reads back
// from the cards the bot answers with.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { BenchUser } from './tenant';

export interface Channel {
  /** The connector's base URL: the activity's serviceUrl. */
  serviceUrl: string;
  tenantId: string;
}

export function personalConversationOf(user: Pick<BenchUser, 'id'>): string {
  return `a:personal-${user.id}`;
}

/** A personal-chat activity from `user` (the shape test/support/bot-harness.ts posts). */
export function personalActivity(channel: Channel, user: Pick<BenchUser, 'id' | 'name'>, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: channel.serviceUrl,
    locale: 'en-US',
    from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
    recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
    conversation: { id: personalConversationOf(user), conversationType: 'personal', tenantId: channel.tenantId, isGroup: false },
    channelData: { tenant: { id: channel.tenantId } },
    ...fields,
  };
}

export function message(channel: Channel, user: Pick<BenchUser, 'id' | 'name'>, text: string): Record<string, unknown> {
  return personalActivity(channel, user, { type: 'message', text });
}

export function cardAction(channel: Channel, user: Pick<BenchUser, 'id' | 'name'>, verb: string, data: Record<string, unknown>, replyToId?: string): Record<string, unknown> {
  return personalActivity(channel, user, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });
}

/** A message in a team channel (a thread of `channelId`), mentioning the bot. */
export function channelMessage(channel: Channel, user: Pick<BenchUser, 'id' | 'name'>, channelId: string, text: string): Record<string, unknown> {
  return {
    ...personalActivity(channel, user, { type: 'message', text }),
    conversation: { id: `${channelId};messageid=1`, conversationType: 'channel', tenantId: channel.tenantId, isGroup: true },
    channelData: { tenant: { id: channel.tenantId }, channel: { id: channelId }, team: { id: channelId } },
  };
}

export interface Answer {
  status: number;
  body: string;
  ms: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** POSTs an activity to the bot and times the answer. */
export async function post(botUrl: string, activity: Record<string, unknown>, timeoutMs = 30_000): Promise<Answer> {
  const body = JSON.stringify(activity);
  try {
    return await postOnce(botUrl, body, timeoutMs);
  } catch (error) {
    // The server closed an idle keep-alive socket just as it was reused: the request never reached
    // it (Node's documented case for one retry). Anything else is a real failure.
    if (error instanceof StaleSocket) return postOnce(botUrl, body, timeoutMs);
    throw error;
  }
}

class StaleSocket extends Error {}

function postOnce(botUrl: string, body: string, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${botUrl}/api/messages`,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => reject(request.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocket('stale keep-alive socket', { cause: error }) : error));
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.end(body);
  });
}

/** The data of the first Action.Execute with `verb` anywhere in `json` (a card, an activity, an invoke answer). */
export function actionData(json: string, verb: string): Record<string, unknown> | undefined {
  return findAction(JSON.parse(json) as unknown, verb);
}

/** Every Action.Execute with `verb` in `json`. */
export function allActionData(json: string, verb: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  walk(JSON.parse(json) as unknown, (node) => {
    if (node['type'] === 'Action.Execute' && node['verb'] === verb) found.push(dataOf(node));
    return false;
  });
  return found;
}

function findAction(root: unknown, verb: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  walk(root, (node) => {
    if (node['type'] !== 'Action.Execute' || node['verb'] !== verb) return false;
    found = dataOf(node);
    return true;
  });
  return found;
}

function dataOf(node: Record<string, unknown>): Record<string, unknown> {
  const data = node['data'];
  return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
}

/** Depth-first over objects; stops when `visit` answers true. */
function walk(node: unknown, visit: (node: Record<string, unknown>) => boolean): boolean {
  if (Array.isArray(node)) return node.some((item) => walk(item, visit));
  if (typeof node !== 'object' || node === null) return false;
  const record = node as Record<string, unknown>;
  return visit(record) || Object.values(record).some((value) => walk(value, visit));
}
