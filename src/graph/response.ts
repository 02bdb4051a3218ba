// Turns what came back from Graph into a GraphAnswer or a typed GraphFailure.
import { CredentialUnavailableError } from '@azure/identity';
import { z } from 'zod';
import type { GraphAnswer, GraphCall } from './client';
import { GraphFailure, reasonForStatus } from './errors';
import { RequestTimedOut, TokenUnavailable } from './middleware';
import { parseRetryAfterMs } from './retry';

const GraphErrorBody = z.object({
  error: z.object({
    code: z.string().nullish(),
    message: z.string().nullish(),
  }),
});

export async function answerOf(call: GraphCall, response: Response): Promise<GraphAnswer> {
  const text = await response.text();
  if (!response.ok) throw failureOf(call, response, text);
  return { status: response.status, headers: response.headers, body: parseJson(call, response.status, text) };
}

function parseJson(call: GraphCall, status: number, text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw new GraphFailure('badResponse', `${describe(call)} answered ${status} with a body that is not JSON`, {
      status,
      cause: error,
    });
  }
}

function failureOf(call: GraphCall, response: Response, text: string): GraphFailure {
  const status = response.status;
  const reason = reasonForStatus(status);
  const graphError = GraphErrorBody.safeParse(safeJson(text));
  const graphCode = graphError.success ? (graphError.data.error.code ?? undefined) : undefined;
  const graphMessage = graphError.success ? graphError.data.error.message : undefined;
  const missingPermission = reason === 'forbidden' ? call.permission : undefined;
  const retryAfterMs = status === 429 ? parseRetryAfterMs(response.headers.get('Retry-After')) : undefined;
  const parts = [`${describe(call)} answered ${status}`, graphCode, graphMessage];
  if (missingPermission) parts.push(`the app likely lacks the application permission ${missingPermission}`);
  return new GraphFailure(reason, parts.filter(Boolean).join(': '), {
    status,
    graphCode,
    missingPermission,
    retryAfterMs,
  });
}

function safeJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    // Error bodies from proxies are often HTML; the status alone still decides the reason.
    return { unparsable: String(error) };
  }
}

/** A failure thrown inside the middleware chain (no HTTP answer to read). */
export function transportFailure(call: GraphCall, failure: unknown): GraphFailure {
  if (failure instanceof TokenUnavailable) {
    // The authority could not be reached (or no managed identity is there) vs. it refused our credentials.
    const reason = failure.cause instanceof CredentialUnavailableError ? 'unavailable' : 'unauthorized';
    return new GraphFailure(reason, `${describe(call)}: could not get a Graph token`, { phase: 'token', cause: failure.cause });
  }
  if (failure instanceof RequestTimedOut) {
    return new GraphFailure('timeout', `${describe(call)}: ${failure.message}`, { cause: failure });
  }
  return new GraphFailure('unavailable', `${describe(call)}: no answer from Graph (connection failed)`, {
    cause: failure,
  });
}

/** Method and path without the query: ids are fine in logs, query values need not be. */
function describe(call: GraphCall): string {
  const path = call.path.replace(/^https?:\/\/[^/]+/i, '').split('?')[0];
  return `Graph ${call.method} ${path}`;
}
