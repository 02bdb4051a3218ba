import { existsSync, readFileSync } from 'node:fs';
import { AuthenticationConstants } from 'botframework-connector';
import { z } from 'zod';
import { parseApprovalPolicy, type ApprovalPolicy } from './reset/policy';

/**
 * Every setting of the bot, read from the process environment here and nowhere else.
 * Invalid settings fail fast with every problem listed; the summary we log never shows a secret.
 */

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH = 'https://graph.microsoft.com';

const emptyToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());
const guid = z.string().trim().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');
const optionalGuid = z.preprocess(emptyToUndefined, guid.optional());
const httpUrl = z.string().trim().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').transform((u) => u.replace(/\/+$/, ''));
const positiveNumber = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().positive().default(fallback));
/** Keys and issuers must come over TLS: whoever can swap the JWKS can sign any token. */
const httpsUrl = z.string().trim().url().refine((u) => u.startsWith('https://'), 'must be an https URL');
/** An issuer is compared with the token's `iss` byte for byte, so it is kept exactly as written. */
const issuer = z.string().trim().url().refine((u) => u.startsWith('https://'), 'must be an https issuer URL as the tokens name it');
const boolean = (fallback: boolean) =>
  z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).default(fallback ? 'true' : 'false')).transform((v) => v === 'true' || v === '1');

const EnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info')),
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: z.preprocess(emptyToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppTenantId: optionalGuid,
  AZURE_TENANT_ID: guid,
  AZURE_CLIENT_ID: optionalGuid,
  AZURE_CLIENT_SECRET: optionalText,
  AZURE_CLIENT_CERTIFICATE_PATH: optionalText,
  AZURE_AUTHORITY_HOST: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_AUTHORITY)),
  GRAPH_ENDPOINT: z.preprocess(emptyToUndefined, httpUrl.default(DEFAULT_GRAPH)),
  ALLOWED_TENANT_IDS: optionalText,
  STORE: z.preprocess(emptyToUndefined, z.string().default('sqlite:./data/pinbot.db')),
  AZURE_STORAGE_CONNECTION_STRING: optionalText,
  AZURE_STORAGE_ACCOUNT_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  OUTBOX_LEASE_SECONDS: positiveNumber(120),
  WORK_LEASE_SECONDS: positiveNumber(30),
  AZURE_STORAGE_TABLE_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,45}$/, 'letters and digits, starting with a letter').default('pinbot')),
  POLL_FIRST_DELAY_SECONDS: positiveNumber(30),
  POLL_MAX_DELAY_SECONDS: positiveNumber(600),
  ACTION_TIMEOUT_MINUTES: positiveNumber(24 * 60),
  PASSCODE_VISIBLE_MINUTES: positiveNumber(5),
  SHUTDOWN_GRACE_MS: positiveNumber(4000),
  GRAPH_TIMEOUT_SECONDS: positiveNumber(20),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  METRICS_EXPORT_INTERVAL_SECONDS: positiveNumber(60),
  MAX_REQUESTS_PER_USER_PER_DAY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(3)),
  APPROVAL_POLICY: optionalText,
  MANAGER_APPROVAL: boolean(false),
  NOTIFY_MANAGER: boolean(true),
  HELPDESK_GROUP_ID: optionalGuid,
  HELPDESK_CHANNEL_ID: optionalText,
  APPROVAL_TTL: z.preprocess(emptyToUndefined, z.string().trim().regex(/^\d+(\.\d+)?\s*(s|m|h|d)$/i, 'use a number with s, m, h or d (e.g. 24h)').default('24h')),
  TEAMS_APP_ID: optionalGuid,
  TEAMS_SERVICE_URL: z.preprocess(emptyToUndefined, httpUrl.default('https://smba.trafficmanager.net/teams')),
  HELPDESK_LOCALE: z.preprocess(emptyToUndefined, z.enum(['en', 'zh-TW']).default('en')),
  TEAMS_APP_CATALOG_ID: optionalText,
  USE_MANAGED_IDENTITY: boolean(false),
  BOT_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, httpsUrl.optional()),
  BOT_TOKEN_ISSUER: z.preprocess(emptyToUndefined, issuer.optional()),
  REQUIRE_FRESH_SIGNIN: boolean(false),
  FRESH_SIGNIN_MAX_AGE_MINUTES: positiveNumber(5),
  OAUTH_CONNECTION_NAME: optionalText,
  ENTRA_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, httpsUrl.optional()),
});

type Env = z.infer<typeof EnvSchema>;

export type GraphCredentialSettings =
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string; authorityHost: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string; authorityHost: string }
  | { kind: 'managedIdentity'; tenantId: string; clientId: string | undefined; authorityHost: string };

export interface Config {
  production: boolean;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  bot: {
    appId: string;
    appPassword: string | undefined;
    appType: string;
    appTenantId: string | undefined;
    /** ConfigurationBotFrameworkAuthentication options that replace the public cloud's (see botOverrides). */
    overrides?: Record<string, string>;
  };
  graph: { endpoint: string; credential: GraphCredentialSettings; timeoutMs: number };
  allowedTenantIds: string[];
  store: string;
  storage: { connectionString: string | undefined; accountUrl: string | undefined; tablePrefix: string };
  /** How long an instance holds an outbox message or a follow-up check before another may take it. */
  leaseMs: number;
  /** How long an instance's claim on a request's background work lasts without renewal (failover). */
  workLeaseMs: number;
  polling: { firstDelayMs: number; maxDelayMs: number; timeoutMs: number };
  passcodeVisibleMs: number;
  shutdownGraceMs: number;
  /** Application Insights export of the metrics; absent = off. */
  appInsights: { connectionString: string; intervalMs: number } | undefined;
  /** Reset requests one person may open in 24 hours (abuse limit). */
  maxRequestsPerDay: number;
  approval: {
    policy: ApprovalPolicy;
    managerApproval: boolean;
    helpdeskGroupId: string | undefined;
    presetChannelId: string | undefined;
    ttlMs: number;
    /** Language of the cards in the shared helpdesk channel. */
    channelLocale: 'en' | 'zh-TW';
  };
  notifyManager: boolean;
  teamsApp: { manifestId: string | undefined; catalogId: string | undefined };
  /** Where new proactive chats go when no conversation of the tenant was seen yet. */
  teamsServiceUrl: string;
  /** Step-up before a confirm: the user's Entra sign-in must be recent (README "Fresh sign-in"). */
  freshSignIn: FreshSignInSettings;
}

export type FreshSignInSettings =
  | { required: false }
  | {
      required: true;
      maxAgeMs: number;
      /** The Azure Bot's OAuth connection setting that yields the user's token. */
      connectionName: string;
      /** OpenID metadata of the tenant that signs the user's token (its JWKS verifies it). */
      metadataUrl: string;
      tenantId: string;
      /** The token's `aud`: the bot's app id, which is also the SSO app (api://…/botid-<appId>). */
      audience: string;
    };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment (process.env by default). Throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`));
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(parsed.data);
}

function crossCheck(env: Env): string[] {
  const problems: string[] = [];
  const production = env.NODE_ENV === 'production';
  if (production && !env.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required when NODE_ENV=production (an empty app id turns Bot Framework authentication off)');
  }
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
  if (env.REQUIRE_FRESH_SIGNIN && !env.OAUTH_CONNECTION_NAME) {
    problems.push('OAUTH_CONNECTION_NAME: required when REQUIRE_FRESH_SIGNIN=true (the Azure Bot OAuth connection that signs the user in)');
  }
  if (env.REQUIRE_FRESH_SIGNIN && !env.MicrosoftAppId) {
    problems.push('MicrosoftAppId: required when REQUIRE_FRESH_SIGNIN=true (the Bot Framework token service needs the bot identity)');
  }
  if (!/^sqlite:.+/.test(env.STORE) && env.STORE !== 'azure-table') problems.push('STORE: use sqlite:<path> or azure-table');
  if (env.STORE === 'azure-table' && [env.AZURE_STORAGE_CONNECTION_STRING, env.AZURE_STORAGE_ACCOUNT_URL].filter(Boolean).length !== 1) {
    problems.push('STORE=azure-table: set exactly one of AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCOUNT_URL');
  }
  const policy = parseApprovalPolicy(env.APPROVAL_POLICY);
  if ('problems' in policy) problems.push(...policy.problems.map((p) => `APPROVAL_POLICY: ${p}`));
  else if (policy.kind !== 'none' && !env.MANAGER_APPROVAL && !env.HELPDESK_GROUP_ID) {
    problems.push('HELPDESK_GROUP_ID: required when APPROVAL_POLICY asks for helpdesk approval');
  }
  return problems;
}

function toConfig(env: Env): Config {
  const allowed = splitList(env.ALLOWED_TENANT_IDS);
  return {
    production: env.NODE_ENV === 'production',
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    bot: {
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType ?? (env.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant'),
      appTenantId: env.MicrosoftAppTenantId,
      ...botOverrides(env),
    },
    graph: { endpoint: env.GRAPH_ENDPOINT, credential: credentialSettings(env), timeoutMs: env.GRAPH_TIMEOUT_SECONDS * 1000 },
    allowedTenantIds: (allowed.length > 0 ? allowed : [env.AZURE_TENANT_ID]).map((id) => id.toLowerCase()),
    store: env.STORE,
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    workLeaseMs: env.WORK_LEASE_SECONDS * 1000,
    storage: { connectionString: env.AZURE_STORAGE_CONNECTION_STRING, accountUrl: env.AZURE_STORAGE_ACCOUNT_URL, tablePrefix: env.AZURE_STORAGE_TABLE_PREFIX },
    polling: {
      firstDelayMs: env.POLL_FIRST_DELAY_SECONDS * 1000,
      maxDelayMs: env.POLL_MAX_DELAY_SECONDS * 1000,
      timeoutMs: env.ACTION_TIMEOUT_MINUTES * 60_000,
    },
    passcodeVisibleMs: env.PASSCODE_VISIBLE_MINUTES * 60_000,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    maxRequestsPerDay: env.MAX_REQUESTS_PER_USER_PER_DAY,
    appInsights: env.APPLICATIONINSIGHTS_CONNECTION_STRING
      ? { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING, intervalMs: env.METRICS_EXPORT_INTERVAL_SECONDS * 1000 }
      : undefined,
    approval: {
      policy: approvalPolicyOf(env.APPROVAL_POLICY),
      managerApproval: env.MANAGER_APPROVAL,
      helpdeskGroupId: env.HELPDESK_GROUP_ID?.toLowerCase(),
      presetChannelId: env.HELPDESK_CHANNEL_ID,
      ttlMs: durationMs(env.APPROVAL_TTL),
      channelLocale: env.HELPDESK_LOCALE,
    },
    notifyManager: env.NOTIFY_MANAGER,
    teamsApp: { manifestId: env.TEAMS_APP_ID, catalogId: env.TEAMS_APP_CATALOG_ID },
    teamsServiceUrl: `${env.TEAMS_SERVICE_URL}/`,
    freshSignIn: freshSignInSettings(env),
  };
}

/**
 * Setting any one ToBot…/ToChannel… option makes botframework-connector use *only* the options
 * given (ParameterizedBotFrameworkAuthentication), leaving the login URL, OAuth scope and token
 * service undefined — outbound replies would then fail. So an override carries the public
 * cloud's values for everything it does not replace.
 */
function botOverrides(env: Env): { overrides?: Record<string, string> } {
  if (!env.BOT_OPENID_METADATA_URL && !env.BOT_TOKEN_ISSUER) return {};
  return {
    overrides: {
      ToBotFromChannelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: env.BOT_TOKEN_ISSUER ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      // CallerIdConstants.PublicAzureChannel (botframework-schema): what the default path stamps on activities.
      CallerId: 'urn:botframework:azure',
    },
  };
}

function freshSignInSettings(env: Env): FreshSignInSettings {
  if (!env.REQUIRE_FRESH_SIGNIN) return { required: false };
  // The user signs in to the bot's own app registration, so its tenant signs the token.
  const tenantId = (env.MicrosoftAppTenantId ?? env.AZURE_TENANT_ID).toLowerCase();
  return {
    required: true,
    maxAgeMs: env.FRESH_SIGNIN_MAX_AGE_MINUTES * 60_000,
    connectionName: env.OAUTH_CONNECTION_NAME ?? '',
    metadataUrl: env.ENTRA_OPENID_METADATA_URL ?? `${env.AZURE_AUTHORITY_HOST}/${tenantId}/v2.0/.well-known/openid-configuration`,
    tenantId,
    audience: env.MicrosoftAppId ?? '',
  };
}

function approvalPolicyOf(text: string | undefined): ApprovalPolicy {
  const policy = parseApprovalPolicy(text);
  if ('problems' in policy) throw new ConfigError(policy.problems);
  return policy;
}

function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([smhd])$/i.exec(text.trim());
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match?.[2] ?? 'h').toLowerCase() as 's' | 'm' | 'h' | 'd'];
  return Number(match?.[1] ?? 24) * unit;
}

function credentialSettings(env: Env): GraphCredentialSettings {
  const common = { tenantId: env.AZURE_TENANT_ID, authorityHost: env.AZURE_AUTHORITY_HOST };
  if (env.AZURE_CLIENT_SECRET) {
    return { kind: 'secret', ...common, clientId: env.AZURE_CLIENT_ID ?? '', clientSecret: env.AZURE_CLIENT_SECRET };
  }
  if (env.AZURE_CLIENT_CERTIFICATE_PATH) {
    return { kind: 'certificate', ...common, clientId: env.AZURE_CLIENT_ID ?? '', certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH };
  }
  return { kind: 'managedIdentity', ...common, clientId: env.AZURE_CLIENT_ID };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/**
 * Convenience for local runs: KEY=VALUE lines of a `.env` file fill variables that are not set yet.
 * Never required, never overrides the real environment (Azure and CI set everything themselves).
 */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv = process.env, file = '.env'): NodeJS.ProcessEnv {
  if (!existsSync(file)) return env;
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!match || line.trimStart().startsWith('#')) continue;
    const [, key = '', raw = ''] = match;
    if (merged[key] === undefined) merged[key] = raw.replace(/^(['"])(.*)\1$/, '$2');
  }
  return merged;
}
