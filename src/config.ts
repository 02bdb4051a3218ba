import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import net from 'node:net';
import { z } from 'zod';
import { crossCheck, DAY_MS, durationMs, freshSignInRequired, guid, isProduction, signInApp, splitList } from './config-checks';
import { parseApprovalPolicy, type ApprovalPolicy } from './reset/policy';

/**
 * Every setting of the bot, read from the process environment here and nowhere else.
 * Invalid settings fail fast with every problem listed; the summary we log never shows a secret.
 */

const DEFAULT_AUTHORITY = 'https://login.microsoftonline.com';
const DEFAULT_GRAPH = 'https://graph.microsoft.com';
/** Microsoft's short link to the Entra self-service password reset page (passwordreset.microsoftonline.com). */
const DEFAULT_SSPR_URL = 'https://aka.ms/sspr';

const emptyToUndefined = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optionalText = z.preprocess(emptyToUndefined, z.string().trim().optional());
const optionalGuid = z.preprocess(emptyToUndefined, guid.optional());
const httpUrl = z.string().trim().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').transform((u) => u.replace(/\/+$/, ''));
const positiveNumber = (fallback: number) => z.preprocess(emptyToUndefined, z.coerce.number().positive().default(fallback));
/** Keys and issuers must come over TLS: whoever can swap the JWKS can sign any token. */
const httpsUrl = z.string().trim().url().refine((u) => u.startsWith('https://'), 'must be an https URL');
/** An issuer is compared with the token's `iss` byte for byte, so it is kept exactly as written. */
const issuer = z.string().trim().url().refine((u) => u.startsWith('https://'), 'must be an https issuer URL as the tokens name it');
const boolean = (fallback: boolean) =>
  z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).default(fallback ? 'true' : 'false')).transform((v) => v === 'true' || v === '1');

const optionalBoolean = z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0']).optional()).transform((v) => (v === undefined ? undefined : v === 'true' || v === '1'));

const EnvSchema = z.object({
  NODE_ENV: optionalText,
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(emptyToUndefined, z.string().trim().refine((h) => net.isIP(h) !== 0, 'must be an IP address (e.g. 0.0.0.0, ::, 127.0.0.1)').optional()),
  // Set by the hosting platform, never by us: they say "this runs in Azure" (see localModeProblems).
  WEBSITE_SITE_NAME: optionalText,
  WEBSITE_INSTANCE_ID: optionalText,
  CONTAINER_APP_NAME: optionalText,
  IDENTITY_ENDPOINT: optionalText,
  MSI_ENDPOINT: optionalText,
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
  OUTBOX_RETENTION_DAYS: positiveNumber(30),
  WORK_LEASE_SECONDS: positiveNumber(30),
  AZURE_STORAGE_TABLE_PREFIX: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,45}$/, 'letters and digits, starting with a letter').default('pinbot')),
  POLL_FIRST_DELAY_SECONDS: positiveNumber(30),
  POLL_MAX_DELAY_SECONDS: positiveNumber(600),
  ACTION_TIMEOUT_MINUTES: positiveNumber(24 * 60),
  PASSCODE_VISIBLE_MINUTES: positiveNumber(5),
  SHUTDOWN_GRACE_MS: positiveNumber(4000),
  GRAPH_TIMEOUT_SECONDS: positiveNumber(20),
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalText,
  /** /metrics and /readyz, on 127.0.0.1 only; unset = not served at all (never on PORT). */
  METRICS_PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  MAX_REQUESTS_PER_USER_PER_DAY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(1000).default(3)),
  MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10000).default(10)),
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
  /** Local mode only (the demo): a Bot Framework token service stand-in on loopback (see tokenServiceProblems). */
  BOT_TOKEN_SERVICE_URL: z.preprocess(emptyToUndefined, httpUrl.optional()),
  // No default here: unset means "on in production, off elsewhere" (see freshSignInRequired).
  REQUIRE_FRESH_SIGNIN: optionalBoolean,
  FRESH_SIGNIN_MAX_AGE_MINUTES: positiveNumber(5),
  OAUTH_CONNECTION_NAME: optionalText,
  ENTRA_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, httpsUrl.optional()),
  /** The organisation's self-service password reset page, for "I forgot my (work account) password". */
  SSPR_URL: z.preprocess(emptyToUndefined, httpsUrl.default(DEFAULT_SSPR_URL)),
  RECOVERY_KEY_POLICY: z.preprocess(emptyToUndefined, z.enum(['self', 'approval', 'off']).default('off')),
  RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
});

export type Env = z.infer<typeof EnvSchema>;

/** Every environment variable the bot reads (the deployment test holds the Bicep app settings to it). */
export const SETTING_NAMES: readonly string[] = Object.keys(EnvSchema.shape);

export type GraphCredentialSettings =
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string; authorityHost: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string; authorityHost: string }
  | { kind: 'managedIdentity'; tenantId: string; clientId: string | undefined; authorityHost: string };

export interface Config {
  production: boolean;
  port: number;
  /** Where the HTTP server listens: always loopback in local mode (empty MicrosoftAppId). */
  host: string;
  logLevel: Env['LOG_LEVEL'];
  bot: {
    appId: string;
    appPassword: string | undefined;
    appType: string;
    appTenantId: string | undefined;
    /** BOT_OPENID_METADATA_URL / BOT_TOKEN_ISSUER: the channel's, when not the public cloud's (src/bot/adapter.ts). */
    channelOpenIdMetadataUrl?: string;
    channelTokenIssuer?: string;
    /** BOT_TOKEN_SERVICE_URL: the user token service, in local mode only (the demo tenant's stand-in). */
    tokenServiceUrl?: string;
  };
  graph: { endpoint: string; credential: GraphCredentialSettings; timeoutMs: number };
  allowedTenantIds: string[];
  store: string;
  storage: { connectionString: string | undefined; accountUrl: string | undefined; tablePrefix: string };
  /** How long an instance holds an outbox message before another may take it (request work: workLeaseMs). */
  leaseMs: number;
  /** Delivered outbox messages are deleted this long after they were enqueued. */
  outboxRetentionMs: number;
  /** How long an instance's claim on a request's background work lasts without renewal (failover). */
  workLeaseMs: number;
  polling: { firstDelayMs: number; maxDelayMs: number; timeoutMs: number };
  passcodeVisibleMs: number;
  shutdownGraceMs: number;
  /** OpenTelemetry export (traces, metrics, logs) to Application Insights; absent = off. */
  appInsights: { connectionString: string } | undefined;
  /** Loopback port of /metrics and /readyz; undefined: not served. */
  metricsPort: number | undefined;
  /** Reset requests one person may open in 24 hours (abuse limit). */
  maxRequestsPerDay: number;
  /** Messages and clicks that cost a Graph request, per person per minute (per instance). */
  maxGraphMessagesPerMinute: number;
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
  /** SSPR_URL: where "my work account password" is sent (README "Which password?"). */
  selfServicePasswordResetUrl: string;
  /** The BitLocker recovery key for the PC's owner (README "BitLocker recovery key"). */
  recoveryKey: RecoveryKeySettings;
}

/** The user's sign-in through the Azure Bot OAuth connection, as the fresh sign-in gate checks it. */
export type SignInSettings = Omit<Extract<FreshSignInSettings, { required: true }>, 'required'>;

export type RecoveryKeySettings =
  | { policy: 'off' }
  | {
      /** `approval`: the helpdesk approves each request first, through the reset approval flow (APPROVAL_TTL, HELPDESK_GROUP_ID). */
      policy: 'self' | 'approval';
      maxAttemptsPerDay: number;
      signIn: SignInSettings;
      /** The bot's app registration exchanges the user's token for a delegated Graph token (on-behalf-of). */
      onBehalfOf: { tenantId: string; clientId: string; clientSecret: string; authorityHost: string };
    };

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

function toConfig(env: Env): Config {
  const allowed = splitList(env.ALLOWED_TENANT_IDS);
  return {
    production: isProduction(env),
    port: env.PORT,
    host: env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1'),
    logLevel: env.LOG_LEVEL,
    bot: {
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword,
      appType: env.MicrosoftAppType ?? (env.MicrosoftAppTenantId ? 'SingleTenant' : 'MultiTenant'),
      appTenantId: env.MicrosoftAppTenantId,
      ...(env.BOT_OPENID_METADATA_URL ? { channelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL } : {}),
      ...(env.BOT_TOKEN_ISSUER ? { channelTokenIssuer: env.BOT_TOKEN_ISSUER } : {}),
      ...(env.BOT_TOKEN_SERVICE_URL ? { tokenServiceUrl: env.BOT_TOKEN_SERVICE_URL } : {}),
    },
    graph: { endpoint: env.GRAPH_ENDPOINT, credential: credentialSettings(env), timeoutMs: env.GRAPH_TIMEOUT_SECONDS * 1000 },
    allowedTenantIds: (allowed.length > 0 ? allowed : [env.AZURE_TENANT_ID]).map((id) => id.toLowerCase()),
    store: env.STORE,
    leaseMs: env.OUTBOX_LEASE_SECONDS * 1000,
    outboxRetentionMs: env.OUTBOX_RETENTION_DAYS * DAY_MS,
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
    maxGraphMessagesPerMinute: env.MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE,
    appInsights: env.APPLICATIONINSIGHTS_CONNECTION_STRING ? { connectionString: env.APPLICATIONINSIGHTS_CONNECTION_STRING } : undefined,
    metricsPort: env.METRICS_PORT,
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
    selfServicePasswordResetUrl: env.SSPR_URL,
    recoveryKey: recoveryKeySettings(env),
  };
}

function recoveryKeySettings(env: Env): RecoveryKeySettings {
  if (env.RECOVERY_KEY_POLICY === 'off') return { policy: 'off' };
  const signIn = signInSettings(env);
  return {
    policy: env.RECOVERY_KEY_POLICY,
    maxAttemptsPerDay: env.RECOVERY_KEY_MAX_ATTEMPTS_PER_DAY,
    signIn,
    onBehalfOf: { tenantId: signIn.tenantId, ...signInApp(env), authorityHost: env.AZURE_AUTHORITY_HOST },
  };
}

/** Settings that are valid but weaken a production default: logged as warnings at start. */
export function startupWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (config.production && !config.freshSignIn.required) {
    warnings.push('REQUIRE_FRESH_SIGNIN=false in production: a passcode reset is confirmed without a recent Entra sign-in (README "Fresh sign-in")');
  }
  return warnings;
}

function freshSignInSettings(env: Env): FreshSignInSettings {
  if (!freshSignInRequired(env)) return { required: false };
  return { required: true, ...signInSettings(env) };
}

function signInSettings(env: Env): SignInSettings {
  // The user signs in to the bot's own app registration, so its tenant signs the token.
  const tenantId = (env.MicrosoftAppTenantId ?? env.AZURE_TENANT_ID).toLowerCase();
  return {
    maxAgeMs: env.FRESH_SIGNIN_MAX_AGE_MINUTES * 60_000,
    connectionName: env.OAUTH_CONNECTION_NAME ?? '',
    metadataUrl: env.ENTRA_OPENID_METADATA_URL ?? `${env.AZURE_AUTHORITY_HOST}/${tenantId}/v2.0/.well-known/openid-configuration`,
    tenantId,
    audience: signInApp(env).clientId,
  };
}

function approvalPolicyOf(text: string | undefined): ApprovalPolicy {
  const policy = parseApprovalPolicy(text);
  if ('problems' in policy) throw new ConfigError(policy.problems);
  return policy;
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

/**
 * Convenience for local runs: KEY=VALUE lines of a `.env` file fill variables that are not set yet.
 * Never required, never overrides the real environment (Azure and CI set everything themselves).
 * The file is read by Node's own parser (util.parseEnv, the one behind `node --env-file`), the
 * same one `npm run package` uses for env/.env.<name>.
 */
export function environmentWithDotEnv(env: NodeJS.ProcessEnv = process.env, file = '.env'): NodeJS.ProcessEnv {
  if (!existsSync(file)) return env;
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const [key, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (merged[key] === undefined) merged[key] = value;
  }
  return merged;
}
