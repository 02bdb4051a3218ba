import type { TokenCredential } from '@azure/identity';
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import { GraphFailure, type GraphPermission } from './errors';
import { BearerTokenMiddleware, TimeoutMiddleware } from './middleware';
import { NodeHttpHandler } from './node-http-handler';
import { DEFAULT_RETRY, RetryMiddleware, type RetryOptions } from './retry';
import { answerOf, transportFailure } from './response';

export interface GraphClientOptions {
  credential: TokenCredential;
  /** "https://graph.microsoft.com", a national cloud, or "http://127.0.0.1:<port>" in tests. */
  graphEndpoint: string;
  /** Deadline per attempt (default 20 s). */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
}

export type GraphMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface GraphCall {
  method: GraphMethod;
  /** Below the version ("/users/…"), or an `@odata.nextLink` this client gave out. Ids already encoded. */
  path: string;
  /** Added to the path, values URL-encoded here. */
  query?: Readonly<Record<string, string>>;
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /** Named in the failure when Graph answers 403. */
  permission?: GraphPermission;
  /** `v1.0` unless a property exists only in `beta` (managedDevice `deviceType`). */
  version?: GraphVersion;
}

export interface GraphAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body (204). Still unchecked: parse it with a schema. */
  body: unknown;
}

export const GRAPH_VERSION = 'v1.0';
export type GraphVersion = typeof GRAPH_VERSION | 'beta';

/**
 * Our middleware chain (bearer token, retry, deadline, node:http), called with the Graph SDK's
 * middleware Context, plus one typed way to call it. The SDK's GraphRequest is not used: for the
 * requests made here it only rebuilt the URL we give it, set the JSON content type and wrapped
 * our middleware's typed errors in its own GraphError (which a capture had to undo), and it cost
 * about 40 µs of CPU per call (`node dist/bench/graph-read.js`), in every "reset my PIN" turn.
 */
export class GraphApi {
  constructor(
    private readonly chain: Middleware,
    readonly graphEndpoint: string,
  ) {}

  /** Sends one request; any non-2xx answer or transport problem becomes a GraphFailure. */
  async call(call: GraphCall): Promise<GraphAnswer> {
    const target = this.relativePath(call.path, call.version ?? GRAPH_VERSION);
    const context: Context = { request: `${this.graphEndpoint}/${target.version}/${target.path.replace(/^\/+/, '')}${queryString(call.query)}`, options: requestOptions(call) };
    try {
      await this.chain.execute(context);
    } catch (error: unknown) {
      // Everything thrown in the chain is a transport failure (token, deadline, connection).
      throw transportFailure(call, error);
    }
    if (!(context.response instanceof Response)) throw new GraphFailure('badResponse', `Graph ${call.method} gave no response`);
    return answerOf(call, context.response);
  }

  /**
   * Accepts an absolute nextLink only on our own endpoint and the version the call asked for: the
   * token must not go anywhere else, and a beta page must not silently continue on v1.0.
   */
  private relativePath(path: string, version: GraphVersion): { path: string; version: GraphVersion } {
    if (!/^https?:\/\//i.test(path)) return { path, version };
    const base = `${this.graphEndpoint}/${version}/`;
    if (!path.startsWith(base)) {
      throw new GraphFailure('badResponse', `Graph sent a link outside ${base}; not following it`);
    }
    return { path: `/${path.slice(base.length)}`, version };
  }
}

/** As the Graph SDK sent them: a body as JSON with `Content-Type: application/json` unless the call names one. */
function requestOptions(call: GraphCall): RequestInit {
  const headers: Record<string, string> = { ...call.headers };
  if (call.method !== 'POST' && call.method !== 'PATCH') return { method: call.method, headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  const body = call.body;
  const raw = typeof body === 'string' || body instanceof Uint8Array || body instanceof ArrayBuffer;
  return { method: call.method, headers, body: raw ? body : JSON.stringify(body) };
}

function queryString(query: GraphCall['query']): string {
  if (!query) return '';
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * Chain: bearer token for `${graphEndpoint}/.default` → retry → per-attempt timeout → node:http(s).
 * Requests go to `${graphEndpoint}/${version}${path}`, version v1.0 unless a call asks for beta.
 */
export function createGraphClient(opts: GraphClientOptions): GraphApi {
  const graphEndpoint = opts.graphEndpoint.replace(/\/+$/, '');
  const chain: [BearerTokenMiddleware, RetryMiddleware, TimeoutMiddleware] = [
    new BearerTokenMiddleware(opts.credential, `${graphEndpoint}/.default`),
    new RetryMiddleware({ ...DEFAULT_RETRY, ...opts.retry }),
    new TimeoutMiddleware(opts.timeoutMs ?? 20_000),
  ];
  chain[0].setNext(chain[1]);
  chain[1].setNext(chain[2]);
  chain[2].setNext(new NodeHttpHandler());
  return new GraphApi(chain[0], graphEndpoint);
}
