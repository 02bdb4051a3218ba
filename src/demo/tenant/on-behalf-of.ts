// The on-behalf-of grant (RFC 7523 jwt-bearer, requested_token_use=on_behalf_of) as Entra answers
// it: the bot presents the user's SSO token for its own app and gets a delegated Graph token with
// the permissions the tenant consented to for that app. Only the user's own rights come with it.
import { TOKEN_LIFETIME_SECONDS, type TokenBook } from './tokens';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** What MSAL adds to every user-token request; not Graph permissions. */
const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);

export interface OnBehalfOfInput {
  form: URLSearchParams;
  clientId: string;
  graphEndpoint: string;
  /** Delegated Graph permissions an admin consented to for the app. */
  consented: readonly string[];
  tokens: TokenBook;
}

export type OnBehalfOfAnswer =
  | { ok: true; body: Record<string, unknown> }
  | { ok: false; status: number; error: string; code: string; description: string };

export function onBehalfOf(input: OnBehalfOfInput): OnBehalfOfAnswer {
  const { form, tokens } = input;
  if (form.get('requested_token_use') !== 'on_behalf_of') {
    return refuse(400, 'invalid_request', 'AADSTS900144', "The request body must contain the parameter: 'requested_token_use'.");
  }
  const subject = tokens.subjectOf(form.get('assertion') ?? '');
  // Entra answers an expired or unknown assertion with invalid_grant; the user has to sign in again.
  if (!subject || subject.kind !== 'sso') {
    return refuse(400, 'invalid_grant', 'AADSTS500133', 'Assertion is not within its valid time range.');
  }
  if (subject.audience !== input.clientId) {
    return refuse(400, 'invalid_grant', 'AADSTS50013', 'Assertion failed signature validation: its audience is another application.');
  }
  const scopes = requestedScopes(form.get('scope') ?? '', input.graphEndpoint, input.consented);
  if ('problem' in scopes) return refuse(400, 'invalid_grant', 'AADSTS65001', scopes.problem);
  const accessToken = tokens.issueFor({ kind: 'delegated', clientId: input.clientId, userId: subject.userId, scopes: scopes.granted });
  return {
    ok: true,
    body: {
      token_type: 'Bearer',
      scope: scopes.granted.map((scope) => `${input.graphEndpoint}/${scope}`).join(' '),
      expires_in: TOKEN_LIFETIME_SECONDS,
      ext_expires_in: TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
    },
  };
}

function requestedScopes(scope: string, graphEndpoint: string, consented: readonly string[]): { granted: string[] } | { problem: string } {
  const graphScopes = scope.split(/\s+/).filter((s) => s.length > 0 && !OIDC_SCOPES.has(s));
  if (graphScopes.length === 0) return { problem: 'No Graph scope was requested.' };
  const granted: string[] = [];
  for (const requested of graphScopes) {
    if (!requested.startsWith(`${graphEndpoint}/`)) return { problem: `The resource of scope ${requested} is not this tenant's Graph.` };
    const name = requested.slice(graphEndpoint.length + 1);
    if (name === '.default') granted.push(...consented);
    else if (consented.includes(name)) granted.push(name);
    else return { problem: `The user or administrator has not consented to use the application with scope ${name}.` };
  }
  return { granted: [...new Set(granted)] };
}

function refuse(status: number, error: string, code: string, description: string): OnBehalfOfAnswer {
  return { ok: false, status, error, code, description };
}
