// An Entra-like authority over HTTPS: just what MSAL node (inside @azure/identity) asks for with
// client credentials and instance discovery off — the OpenID metadata and the v2.0 token endpoint.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import { randomUUID } from 'node:crypto';
import { checkClientAssertion } from './client-assertion';
import { readBody, sendJson } from './http';
import { JWT_BEARER_GRANT, onBehalfOf } from './on-behalf-of';
import { TOKEN_LIFETIME_SECONDS, type TokenBook } from './tokens';

export interface AuthorityRequest {
  method: string;
  path: string;
  time: number;
  /** For token requests: the grant type and scope asked for (never the secret). */
  grantType?: string;
  scope?: string;
  status?: number;
}

export interface AuthorityOptions {
  certPath: string;
  keyPath: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** PEM of the certificate registered for the app (private_key_jwt); default: the TLS certificate. */
  clientCertificatePath?: string;
  /** Tokens are issued for exactly `${graphEndpoint}/.default`. */
  graphEndpoint: string;
  /** Delegated Graph permissions consented for the app, given out by the on-behalf-of grant. */
  delegatedPermissions: () => readonly string[];
  tokens: TokenBook;
  /** The public signing keys (discovery/v2.0/keys) that verify the user tokens the tenant signs. */
  jwks: () => unknown;
  log: AuthorityRequest[];
  /** Filled in once the server listens: "https://127.0.0.1:<port>". */
  baseUrl: () => string;
}

export function createAuthorityServer(opts: AuthorityOptions): https.Server {
  const tls = { cert: readFileSync(opts.certPath), key: readFileSync(opts.keyPath) };
  const config: AuthorityConfig = { ...opts, clientCertificatePem: readFileSync(opts.clientCertificatePath ?? opts.certPath, 'utf8') };
  return https.createServer(tls, (req, res) => {
    const entry: AuthorityRequest = { method: req.method ?? 'GET', path: (req.url ?? '/').split('?')[0], time: Date.now() };
    opts.log.push(entry);
    res.on('finish', () => (entry.status = res.statusCode));
    answer(config, req, res, entry).catch((error: unknown) => {
      sendAadError(res, 500, 'server_error', 'AADSTS90000', String(error));
    });
  });
}

type AuthorityConfig = AuthorityOptions & { clientCertificatePem: string };

async function answer(opts: AuthorityConfig, req: IncomingMessage, res: ServerResponse, entry: AuthorityRequest): Promise<void> {
  const match = /^\/([^/]+)\/(v2\.0\/\.well-known\/openid-configuration|oauth2\/v2\.0\/token|discovery\/v2\.0\/keys)$/.exec(entry.path);
  if (!match) return sendAadError(res, 404, 'not_found', 'AADSTS90000', `no such endpoint ${entry.path}`);
  const [, tenant, endpoint] = match;
  if (tenant.toLowerCase() !== opts.tenantId.toLowerCase()) {
    return sendAadError(res, 400, 'invalid_tenant', 'AADSTS90002', `Tenant '${tenant}' not found.`);
  }
  if (endpoint.startsWith('v2.0') && req.method === 'GET') return sendJson(res, 200, metadata(opts.baseUrl(), opts.tenantId));
  if (endpoint.startsWith('discovery') && req.method === 'GET') return sendJson(res, 200, opts.jwks());
  if (endpoint.startsWith('oauth2') && req.method === 'POST') return issueToken(opts, await readBody(req), res, entry);
  return sendAadError(res, 405, 'invalid_request', 'AADSTS900561', `${req.method} is not supported here`);
}

function metadata(baseUrl: string, tenantId: string): unknown {
  const root = `${baseUrl}/${tenantId}`;
  return {
    issuer: `${root}/v2.0`,
    authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
    token_endpoint: `${root}/oauth2/v2.0/token`,
    device_authorization_endpoint: `${root}/oauth2/v2.0/devicecode`,
    end_session_endpoint: `${root}/oauth2/v2.0/logout`,
    jwks_uri: `${root}/discovery/v2.0/keys`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    tenant_region_scope: 'AS',
    cloud_instance_name: 'demo.local',
  };
}

function issueToken(
  opts: AuthorityConfig,
  body: string,
  res: ServerResponse,
  entry: AuthorityRequest,
): void {
  const form = new URLSearchParams(body);
  entry.grantType = form.get('grant_type') ?? undefined;
  entry.scope = form.get('scope') ?? undefined;
  const expectedScope = `${opts.graphEndpoint}/.default`;
  if (entry.grantType === JWT_BEARER_GRANT) return issueOnBehalfOf(opts, form, res);
  if (entry.grantType !== 'client_credentials') {
    return sendAadError(res, 400, 'unsupported_grant_type', 'AADSTS70003', 'The app requested an unsupported grant type.');
  }
  if (form.get('client_id') !== opts.clientId) {
    const unknown = `Application '${form.get('client_id')}' was not found in the directory.`;
    return sendAadError(res, 400, 'unauthorized_client', 'AADSTS700016', unknown);
  }
  const refusal = clientAuthenticationProblem(opts, form);
  if (refusal) return sendAadError(res, 401, 'invalid_client', refusal.code, refusal.description);
  if (entry.scope !== expectedScope) {
    const wrongScope = `The provided value for scope ${entry.scope} is not valid; expected ${expectedScope}.`;
    return sendAadError(res, 400, 'invalid_scope', 'AADSTS1002012', wrongScope);
  }
  sendJson(res, 200, {
    token_type: 'Bearer',
    expires_in: TOKEN_LIFETIME_SECONDS,
    ext_expires_in: TOKEN_LIFETIME_SECONDS,
    access_token: opts.tokens.issue(opts.clientId),
  });
}

/** The user's SSO token for the app, exchanged for a delegated Graph token (what the bot does for BitLocker keys). */
function issueOnBehalfOf(opts: AuthorityConfig, form: URLSearchParams, res: ServerResponse): void {
  if (form.get('client_id') !== opts.clientId) {
    return sendAadError(res, 400, 'unauthorized_client', 'AADSTS700016', `Application '${form.get('client_id')}' was not found in the directory.`);
  }
  const refusal = clientAuthenticationProblem(opts, form);
  if (refusal) return sendAadError(res, 401, 'invalid_client', refusal.code, refusal.description);
  const answer = onBehalfOf({ form, clientId: opts.clientId, graphEndpoint: opts.graphEndpoint, consented: opts.delegatedPermissions(), tokens: opts.tokens });
  if (!answer.ok) return sendAadError(res, answer.status, answer.error, answer.code, answer.description);
  sendJson(res, 200, answer.body);
}

/** A secret (client_secret_post) or a certificate-signed assertion (private_key_jwt). */
function clientAuthenticationProblem(
  opts: AuthorityConfig,
  form: URLSearchParams,
): { code: string; description: string } | undefined {
  const assertion = form.get('client_assertion');
  if (assertion === null) {
    const secretOk = form.get('client_secret') === opts.clientSecret;
    return secretOk ? undefined : { code: 'AADSTS7000215', description: 'Invalid client secret provided.' };
  }
  const check = checkClientAssertion(assertion, {
    certificatePem: opts.clientCertificatePem,
    clientId: opts.clientId,
    tokenEndpoint: `${opts.baseUrl()}/${opts.tenantId}/oauth2/v2.0/token`,
  });
  return check.ok ? undefined : { code: 'AADSTS700027', description: `Client assertion failed: ${check.why}.` };
}

function sendAadError(res: ServerResponse, status: number, error: string, code: string, description: string): void {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date().toISOString();
  sendJson(res, status, {
    error,
    error_description: `${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [Number(code.replace('AADSTS', ''))],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
  });
}
