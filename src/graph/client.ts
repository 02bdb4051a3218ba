import type { TokenCredential } from '@azure/identity';
import { Client, ResponseType } from '@microsoft/microsoft-graph-client';
import { GraphFailure, type GraphPermission } from './errors';
import {
  BearerTokenMiddleware,
  CaptureFailuresMiddleware,
  TimeoutMiddleware,
  TransportFailureCapture,
} from './middleware';
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

/** The Graph SDK client with our middleware chain, plus one typed way to call it. */
export class GraphApi {
  constructor(
    readonly client: Client,
    readonly graphEndpoint: string,
  ) {}

  /** Sends one request; any non-2xx answer or transport problem becomes a GraphFailure. */
  async call(call: GraphCall): Promise<GraphAnswer> {
    const capture = new TransportFailureCapture();
    const target = this.relativePath(call.path, call.version ?? GRAPH_VERSION);
    const request = this.client
      .api(target.path + queryString(call.query))
      .version(target.version)
      .headers({ ...call.headers })
      .responseType(ResponseType.RAW)
      .middlewareOptions([capture]);
    let raw: unknown;
    try {
      raw = await send(request, call);
    } catch (error: unknown) {
      // Only middleware failures are expected here; anything else is a bug and stays an exception.
      if (capture.failure === undefined) throw error;
      throw transportFailure(call, capture.failure);
    }
    if (!(raw instanceof Response)) throw new GraphFailure('badResponse', `Graph ${call.method} gave no response`);
    return answerOf(call, raw);
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

function send(request: ReturnType<Client['api']>, call: GraphCall): Promise<unknown> {
  switch (call.method) {
    case 'GET':
      return request.get();
    case 'POST':
      return request.post(call.body);
    case 'PATCH':
      return request.patch(call.body);
    case 'DELETE':
      return request.delete();
  }
}

function queryString(query: GraphCall['query']): string {
  if (!query) return '';
  const pairs = Object.entries(query).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/**
 * Chain: capture failures → bearer token for `${graphEndpoint}/.default` → retry → per-attempt
 * timeout → node:http(s). baseUrl is the endpoint itself, version v1.0.
 */
export function createGraphClient(opts: GraphClientOptions): GraphApi {
  const graphEndpoint = opts.graphEndpoint.replace(/\/+$/, '');
  const client = Client.initWithMiddleware({
    baseUrl: graphEndpoint,
    defaultVersion: GRAPH_VERSION,
    middleware: [
      new CaptureFailuresMiddleware(),
      new BearerTokenMiddleware(opts.credential, `${graphEndpoint}/.default`),
      new RetryMiddleware({ ...DEFAULT_RETRY, ...opts.retry }),
      new TimeoutMiddleware(opts.timeoutMs ?? 20_000),
      new NodeHttpHandler(),
    ],
  });
  return new GraphApi(client, graphEndpoint);
}
