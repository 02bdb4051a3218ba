// The rules between settings (one setting requires, excludes or bounds another), and the few
// readings of a setting both the checks and src/config.ts need. Split from config.ts by size only.
import { z } from 'zod';
import type { Env } from './config';
import { isLoopbackHost, isLoopbackUrl } from './loopback';
import { parseApprovalPolicy } from './reset/policy';

export const guid = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

export function crossCheck(env: Env): string[] {
  const problems: string[] = env.MicrosoftAppId ? [] : localModeProblems(env);
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required with MicrosoftAppId unless MicrosoftAppType=UserAssignedMSI');
  }
  if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: required when MicrosoftAppType=SingleTenant');
  }
  const hasSecret = Boolean(env.AZURE_CLIENT_SECRET);
  const hasCertificate = Boolean(env.AZURE_CLIENT_CERTIFICATE_PATH);
  if (hasSecret && hasCertificate) problems.push('AZURE_CLIENT_SECRET / AZURE_CLIENT_CERTIFICATE_PATH: set only one of them');
  if ((hasSecret || hasCertificate) && !env.AZURE_CLIENT_ID) problems.push('AZURE_CLIENT_ID: required with a client secret or certificate');
  if (!hasSecret && !hasCertificate && !env.USE_MANAGED_IDENTITY) {
    problems.push('Graph credential: set AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH, or USE_MANAGED_IDENTITY=true');
  }
  for (const id of splitList(env.ALLOWED_TENANT_IDS)) {
    if (!guid.safeParse(id).success) problems.push(`ALLOWED_TENANT_IDS: "${id}" is not a GUID`);
  }
  if ((env.BOT_OPENID_METADATA_URL || env.BOT_TOKEN_ISSUER) && !env.MicrosoftAppId) {
    problems.push('BOT_OPENID_METADATA_URL / BOT_TOKEN_ISSUER: only used with MicrosoftAppId (without it no token is checked)');
  }
  if (freshSignInRequired(env) && !env.OAUTH_CONNECTION_NAME) {
    problems.push(
      env.REQUIRE_FRESH_SIGNIN === undefined
        ? 'OAUTH_CONNECTION_NAME: required when NODE_ENV=production, where the fresh sign-in before a passcode action is on by default (set REQUIRE_FRESH_SIGNIN=false to run without it)'
        : 'OAUTH_CONNECTION_NAME: required when REQUIRE_FRESH_SIGNIN=true (the Azure Bot OAuth connection that signs the user in)',
    );
  }
  problems.push(...tokenServiceProblems(env));
  if (freshSignInRequired(env) && !env.MicrosoftAppId && !env.BOT_TOKEN_SERVICE_URL) {
    problems.push('MicrosoftAppId: required when REQUIRE_FRESH_SIGNIN=true (the Bot Framework token service needs the bot identity)');
  }
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (the metrics stay off the public port)');
  }
  if (!/^sqlite:.+/.test(env.STORE) && env.STORE !== 'azure-table') problems.push('STORE: use sqlite:<path> or azure-table');
  if (env.STORE === 'azure-table' && [env.AZURE_STORAGE_CONNECTION_STRING, env.AZURE_STORAGE_ACCOUNT_URL].filter(Boolean).length !== 1) {
    problems.push('STORE=azure-table: set exactly one of AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL');
  }
  // A request's later cards update its first one and dedupe by eventKey; both need that message kept
  // until the request can no longer change: confirmed + APPROVAL_TTL + ACTION_TIMEOUT_MINUTES at most.
  if (env.OUTBOX_RETENTION_DAYS * DAY_MS <= durationMs(env.APPROVAL_TTL) + env.ACTION_TIMEOUT_MINUTES * 60_000) {
    problems.push('OUTBOX_RETENTION_DAYS: must be longer than APPROVAL_TTL plus ACTION_TIMEOUT_MINUTES (a request still changing needs its earlier messages)');
  }
  problems.push(...recoveryKeyProblems(env));
  const policy = parseApprovalPolicy(env.APPROVAL_POLICY);
  if ('problems' in policy) problems.push(...policy.problems.map((p) => `APPROVAL_POLICY: ${p}`));
  else if (policy.kind !== 'none' && !env.MANAGER_APPROVAL && !env.HELPDESK_GROUP_ID) {
    problems.push('HELPDESK_GROUP_ID: required when APPROVAL_POLICY asks for helpdesk approval');
  }
  return problems;
}

const OFF = '(an empty app id turns Bot Framework authentication off: anyone who reaches the port could act as any user)';

/**
 * Local mode (empty MicrosoftAppId) checks no token, so it is for a developer's machine only:
 * refused wherever anything says production — NODE_ENV in any spelling, the variables Azure App
 * Service and Container Apps set on every instance, a managed identity — and bound to loopback.
 */
function localModeProblems(env: Env): string[] {
  const problems: string[] = [];
  if (isProduction(env)) problems.push(`MicrosoftAppId: required when NODE_ENV=production ${OFF}`);
  const hosted = { WEBSITE_SITE_NAME: env.WEBSITE_SITE_NAME, WEBSITE_INSTANCE_ID: env.WEBSITE_INSTANCE_ID, CONTAINER_APP_NAME: env.CONTAINER_APP_NAME };
  for (const [name, value] of Object.entries(hosted)) {
    if (value) problems.push(`MicrosoftAppId: required when ${name} is set (this runs in Azure) ${OFF}`);
  }
  const identity = {
    IDENTITY_ENDPOINT: env.IDENTITY_ENDPOINT,
    MSI_ENDPOINT: env.MSI_ENDPOINT,
    USE_MANAGED_IDENTITY: env.USE_MANAGED_IDENTITY,
    'MicrosoftAppType=UserAssignedMSI': env.MicrosoftAppType === 'UserAssignedMSI',
  };
  for (const [name, value] of Object.entries(identity)) {
    if (value) problems.push(`MicrosoftAppId: required when ${name} is set (a managed identity means a hosted deployment) ${OFF}`);
  }
  if (env.HOST && !isLoopbackHost(env.HOST)) problems.push('HOST: local mode (empty MicrosoftAppId) listens on loopback only (127.0.0.1)');
  return problems;
}

function recoveryKeyProblems(env: Env): string[] {
  const policy = env.RECOVERY_KEY_POLICY;
  if (policy === 'off') return [];
  const problems: string[] = [];
  const why = '(the recovery key is read with the user\'s own token from the Azure Bot OAuth connection)';
  if (!env.OAUTH_CONNECTION_NAME) problems.push(`OAUTH_CONNECTION_NAME: required when RECOVERY_KEY_POLICY=${policy} ${why}`);
  // The reset approval flow decides: only members of this group may approve, whatever MANAGER_APPROVAL says.
  if (policy === 'approval' && !env.HELPDESK_GROUP_ID) {
    problems.push('HELPDESK_GROUP_ID: required when RECOVERY_KEY_POLICY=approval (only members of the helpdesk group may approve showing a recovery key)');
  }
  if (!env.MicrosoftAppId && env.BOT_TOKEN_SERVICE_URL) {
    // Local mode with the demo's token service: the user signs in to the Graph app, which exchanges the token.
    if (!env.AZURE_CLIENT_ID || !env.AZURE_CLIENT_SECRET) {
      problems.push(`AZURE_CLIENT_ID / AZURE_CLIENT_SECRET: required when RECOVERY_KEY_POLICY=${policy} in local mode (the user signs in to that app, which exchanges the token on their behalf)`);
    }
    return problems;
  }
  if (!env.MicrosoftAppId) problems.push(`MicrosoftAppId: required when RECOVERY_KEY_POLICY=${policy} ${why}`);
  if (!env.MicrosoftAppPassword) {
    problems.push(`MicrosoftAppPassword: required when RECOVERY_KEY_POLICY=${policy} (the bot app exchanges the user's token for Graph on their behalf)`);
  }
  return problems;
}

/**
 * BOT_TOKEN_SERVICE_URL replaces the Bot Framework token service, which vouches for who the user
 * is: whoever runs the service named there can hand the bot a token for any user. So it exists
 * for the demo only — local mode (no app id, loopback only, never in production) and a service on
 * this machine. With an app id the bot always asks the Azure Bot's own token service.
 */
function tokenServiceProblems(env: Env): string[] {
  if (!env.BOT_TOKEN_SERVICE_URL) return [];
  const problems: string[] = [];
  const why = '(it decides whose token the bot gets: only the demo\'s local stand-in may replace the Bot Framework token service)';
  if (env.MicrosoftAppId) problems.push(`BOT_TOKEN_SERVICE_URL: only in local mode (empty MicrosoftAppId) ${why}`);
  if (isProduction(env)) problems.push(`BOT_TOKEN_SERVICE_URL: not allowed when NODE_ENV=production ${why}`);
  if (!isLoopbackUrl(env.BOT_TOKEN_SERVICE_URL)) problems.push(`BOT_TOKEN_SERVICE_URL: must be a loopback URL (127.0.0.1 or localhost) ${why}`);
  return problems;
}

/**
 * The app registration the user signs in to and that exchanges their token on their behalf: the
 * bot's (MicrosoftAppId). Local mode has no bot app, so the demo's sign-in is to the Graph app
 * (AZURE_CLIENT_ID) — only reachable through BOT_TOKEN_SERVICE_URL, which the checks above bind to local mode.
 */
export function signInApp(env: Env): { clientId: string; clientSecret: string } {
  if (env.MicrosoftAppId) return { clientId: env.MicrosoftAppId, clientSecret: env.MicrosoftAppPassword ?? '' };
  if (env.BOT_TOKEN_SERVICE_URL) return { clientId: env.AZURE_CLIENT_ID ?? '', clientSecret: env.AZURE_CLIENT_SECRET ?? '' };
  return { clientId: '', clientSecret: '' };
}

/** "Production", "PRODUCTION " and "production" are all production: a typo in case must not weaken a default. */
export function isProduction(env: Pick<Env, 'NODE_ENV'>): boolean {
  return (env.NODE_ENV ?? '').trim().toLowerCase() === 'production';
}

/**
 * Like Company Portal, which asks for a sign-in within 5 minutes before a passcode action: on by
 * default in production, off by default elsewhere; an explicit REQUIRE_FRESH_SIGNIN always wins.
 */
export function freshSignInRequired(env: Env): boolean {
  return env.REQUIRE_FRESH_SIGNIN ?? isProduction(env);
}

export const DAY_MS = 86_400_000;

export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(text.trim());
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match?.[2] ?? 'h').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  return Number(match?.[1] ?? 24) * unit;
}

export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

