// What a Graph route of the demo tenant sees and answers; the server does HTTP, routes do Graph.
import { graphErrorBody } from './http';
import type { TokenSubject } from './tokens';

export interface GraphRequestContext {
  method: string;
  version: 'v1.0' | 'beta';
  /** As sent (still URL-encoded), versionless and without the query, e.g. "/users/{id}/managedDevices". */
  path: string;
  query: URLSearchParams;
  /** Parsed JSON body, undefined when there was none. */
  body: unknown;
  /** v1.0 with `Prefer: include-unknown-enum-members`, or any beta request. */
  includeUnknownEnums: boolean;
  /** "http://127.0.0.1:<port>", for links. */
  baseUrl: string;
  /** Who the bearer token speaks for: the app itself, or a signed-in user (delegated). */
  caller: TokenSubject;
}

export interface GraphReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface GraphRoute {
  method: 'GET' | 'POST';
  /** Matched against the versionless path; capture groups become `params`. */
  pattern: RegExp;
  /** The app needs at least one of these application permissions. */
  permissions: readonly string[];
  /** The route checks the caller itself (delegated permissions, the user's rights) instead of `permissions`. */
  delegated?: true;
  /** How Graph words a missing permission on this route. */
  denied: 'intune' | 'directory';
  handle(context: GraphRequestContext, params: string[]): GraphReply;
}

export function json(status: number, body: unknown): GraphReply {
  return { status, body };
}

export function graphError(status: number, code: string, message: string): GraphReply {
  return { status, body: graphErrorBody(code, message) };
}

export const SEGMENT = '([^/]+)';
