// The Graph-compatible HTTP server: records every call, checks the token, applies injected faults
// and latency, then hands the request to a route. `/_demo/*` lets another process drive it.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { DemoControl } from './demo-control';
import type { FaultBook } from './faults';
import { delay, graphCodeFor, graphErrorBody, readBody, sendGraphError, sendJson } from './http';
import { prefersUnknownEnumMembers } from './odata';
import type { GraphReply, GraphRequestContext, GraphRoute } from './routes';
import type { TenantState } from './state';
import type { TokenBook, TokenSubject } from './tokens';
import type { FaultSpec, RecordedRequest } from './types';

export interface GraphServerOptions {
  routes: GraphRoute[];
  state: TenantState;
  tokens: TokenBook;
  faults: FaultBook;
  log: RecordedRequest[];
  latencyMs: number;
  /** Application permissions of the app registration; read on every call so tests can change them. */
  permissions: () => ReadonlySet<string>;
  baseUrl: () => string;
}

export function createGraphServer(opts: GraphServerOptions): http.Server {
  const control = new DemoControl(opts.faults, opts.log, opts.state);
  return http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo.invalid');
    const work = url.pathname.startsWith('/_demo/') ? control.handle(req, res, url) : serveGraph(opts, req, res, url);
    work.catch((error: unknown) => {
      if (!res.headersSent) sendGraphError(res, 500, 'InternalServerError', `demo tenant: ${String(error)}`);
    });
  });
}

async function serveGraph(opts: GraphServerOptions, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const versioned = /^\/(v1\.0|beta)(\/.*)?$/i.exec(url.pathname);
  const version = versioned?.[1].toLowerCase() === 'beta' ? 'beta' : 'v1.0';
  const path = versioned?.[2] ?? url.pathname;
  const method = (req.method ?? 'GET').toUpperCase();
  const entry = record(opts.log, req, method, path, version, url);
  res.on('finish', () => (entry.status = res.statusCode));
  if (!versioned) return sendGraphError(res, 400, 'BadRequest', 'Invalid version: use /v1.0 or /beta.');
  const caller = callerOf(opts.tokens, req.headers.authorization);
  if ('problem' in caller) return sendGraphError(res, 401, 'InvalidAuthenticationToken', caller.problem);
  await delay(opts.latencyMs);
  const context: GraphRequestContext = {
    method,
    version,
    path,
    query: url.searchParams,
    body: await jsonBody(req),
    // Beta's schema already has the newer members (managementAgent `google` comes before beta's sentinel).
    includeUnknownEnums: version === 'beta' || prefersUnknownEnumMembers(header(req, 'prefer')),
    baseUrl: opts.baseUrl(),
    caller: caller.subject,
  };
  const fault = opts.faults.take(method, path);
  if (fault) {
    await delay(fault.delayMs ?? 0);
    if (fault.dropConnection) return void req.socket.destroy();
    if (fault.status !== undefined) {
      if (fault.applyRequest) route(opts, context);
      return sendFault(res, fault, fault.status);
    }
  }
  send(res, route(opts, context));
}

function route(opts: GraphServerOptions, context: GraphRequestContext): GraphReply {
  for (const candidate of opts.routes) {
    const match = candidate.pattern.exec(context.path);
    if (!match || candidate.method !== context.method) continue;
    const granted = opts.permissions();
    if (candidate.delegated) return candidate.handle(context, match.slice(1).map(decodeSegment));
    if (!candidate.permissions.some((permission) => granted.has(permission))) return denied(candidate);
    // Route on the path as sent, so an encoded "/" inside an id cannot reach another route.
    return candidate.handle(context, match.slice(1).map(decodeSegment));
  }
  const known = opts.routes.some((candidate) => candidate.pattern.test(context.path));
  return known
    ? { status: 405, body: graphErrorBody('BadRequest', `${context.method} is not allowed on ${context.path}`) }
    : { status: 400, body: graphErrorBody('BadRequest', `Resource not found for the segment '${context.path.split('/')[1] ?? ''}'.`) };
}

function denied(candidate: GraphRoute): GraphReply {
  if (candidate.denied === 'directory') {
    return { status: 403, body: graphErrorBody('Authorization_RequestDenied', 'Insufficient privileges to complete the operation.') };
  }
  const message =
    'Application is not authorized to perform this operation. ' +
    `Application must have one of the following scopes: ${candidate.permissions.join(', ')}`;
  return { status: 403, body: graphErrorBody('Forbidden', message) };
}

function send(res: ServerResponse, reply: GraphReply): void {
  if (reply.body === undefined) {
    res.writeHead(reply.status, reply.headers ?? {});
    res.end();
    return;
  }
  sendJson(res, reply.status, reply.body, reply.headers);
}

function sendFault(res: ServerResponse, fault: FaultSpec, status: number): void {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds);
  const body = fault.body ?? graphErrorBody(graphCodeFor(status), `Injected fault: ${status}`);
  sendJson(res, status, body, headers);
}

function callerOf(tokens: TokenBook, authorization: string | undefined): { subject: TokenSubject } | { problem: string } {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) return { problem: 'Access token is empty.' };
  const subject = tokens.subjectOf(token);
  // An SSO token is for the bot's own app, not for Graph.
  if (!subject || subject.kind === 'sso') return { problem: 'Access token validation failure. Invalid audience.' };
  return { subject };
}

function record(log: RecordedRequest[], req: IncomingMessage, method: string, path: string, version: string, url: URL): RecordedRequest {
  const entry: RecordedRequest = {
    method,
    path,
    version,
    query: Object.fromEntries(url.searchParams.entries()),
    time: Date.now(),
    hadToken: Boolean(req.headers.authorization),
  };
  const prefer = header(req, 'prefer');
  if (prefer !== undefined) entry.prefer = prefer;
  const clientName = header(req, 'ocp-client-name');
  const clientVersion = header(req, 'ocp-client-version');
  if (clientName !== undefined) entry.ocpClientName = clientName;
  if (clientVersion !== undefined) entry.ocpClientVersion = clientVersion;
  log.push(entry);
  return entry;
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    // Routes validate bodies with zod; an unreadable one simply fails that validation.
    return { unreadableJson: String(error) };
  }
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error: unknown) {
    // A malformed escape is kept as sent; no user or device has such an id, so the route answers 404.
    return `${segment} (${String(error)})`;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
