import { AuthenticationConstants } from 'botframework-connector';
import { CallerIdConstants, CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator';
import type { Request, Response } from 'restify';
import { z } from 'zod';
import { currentLogContext, type Logger } from '../log';
import type { Metrics } from '../observability/metrics';
import { inSpan } from '../observability/telemetry';
import { isLoopbackUrl } from '../loopback';
import type { Clock } from '../reset/ports';
import type { MessageEndpoint } from '../server';
import { ChannelAuthentication, RefusedToken } from './channel-authentication';
import { ChannelTokenVerifier, type ChannelTokenRefusal, type ChannelTokenResult } from './channel-token';

export interface BotIdentity {
  appId: string;
  appPassword: string | undefined;
  appType: string;
  appTenantId: string | undefined;
  /** The channel's OpenID metadata and token issuer where not the public cloud's (tests, sovereign clouds). */
  channelOpenIdMetadataUrl?: string;
  channelTokenIssuer?: string;
  /** Local mode only (config refuses it with an app id): the user token service, e.g. the demo tenant's stand-in. */
  tokenServiceUrl?: string;
}

const systemClock: Clock = { now: () => new Date() };

/** CloudAdapter with its activity processing reachable, so messageEndpoint can answer a refused token itself. */
export class BotAdapter extends CloudAdapter {
  constructor(private readonly authentication: ChannelAuthentication) {
    super(authentication);
  }

  /** No app id: no token is checked, so only loopback may talk to the bot and be answered. */
  get localMode(): boolean {
    return this.authentication.localMode;
  }

  /** The Authorization header alone, before the body is read (see ChannelAuthentication.verifyHeader). */
  admits(authorization: string | undefined): Promise<ChannelTokenResult> {
    return this.authentication.verifyHeader(authorization ?? '');
  }

  processIncoming(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): ReturnType<CloudAdapter['processActivity']> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/**
 * CloudAdapter with Bot Framework authentication from the settings, and the checks that come
 * before a turn (see `messageEndpoint`). An empty app id is the local unauthenticated mode used with
 * the Agents Playground (config refuses it wherever anything says production).
 */
export function createAdapter(identity: BotIdentity, log: Logger, clock: Clock = systemClock): BotAdapter {
  // Config refuses it already; settings built by hand must not get past it either (see tokenServiceProblems).
  if (identity.appId && identity.tokenServiceUrl) throw new Error('a user token service of our own is for local mode only (no MicrosoftAppId)');
  const configured = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
    ...overridesOf(identity),
  });
  const adapter = new BotAdapter(new ChannelAuthentication(configured, channelTokenVerifier(identity, clock), turnSettings()));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('turn failed', { activityType: context.activity.type, error });
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.');
    }
  };
  return adapter;
}

/**
 * Setting any one ToBot…/ToChannel… option makes botframework-connector use *only* the options
 * given (ParameterizedBotFrameworkAuthentication), leaving the login URL, OAuth scope and token
 * service undefined — outbound replies would then fail. So an override carries the public
 * cloud's values for everything it does not replace.
 */
export function overridesOf(identity: BotIdentity): Record<string, string> {
  if (!identity.channelOpenIdMetadataUrl && !identity.channelTokenIssuer && !identity.tokenServiceUrl) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: identity.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: identity.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: identity.tokenServiceUrl ?? AuthenticationConstants.OAuthUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

function channelTokenVerifier(identity: BotIdentity, clock: Clock): ChannelTokenVerifier | undefined {
  if (!identity.appId) return undefined;
  return new ChannelTokenVerifier({
    metadataUrl: identity.channelOpenIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    issuer: identity.channelTokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    appId: identity.appId,
    clock,
  });
}

/** The outbound audience and callerId botframework-connector gives a channel turn (the public cloud's). */
function turnSettings(): { audience: string; callerId: string } {
  return { audience: AuthenticationConstants.ToChannelFromBotOAuthScope, callerId: CallerIdConstants.PublicAzureChannel };
}

const IncomingActivity = z.looseObject({ type: z.string().min(1) });

/** Channels.Msteams: the Bot Framework channel id of Microsoft Teams and of Microsoft 365 Copilot. */
const TEAMS_CHANNEL_ID = 'msteams';

/**
 * POST /api/messages, as CloudAdapter.process does it but for a refused token: CloudAdapter
 * console.errors the whole stack and puts the failing check in the 401 body. Here a refused
 * token is one JSON log line with its reason (never the token) and a bare 401; each turn runs
 * in a `turn` span.
 */
export function messageEndpoint(adapter: BotAdapter, logic: (context: TurnContext) => Promise<void>, log: Logger, metrics: Pick<Metrics, 'count'>): MessageEndpoint {
  const turn = (context: TurnContext): Promise<void> => {
    const { correlationId } = currentLogContext();
    const attributes = { 'pinbot.activity.type': context.activity.type, ...(typeof correlationId === 'string' ? { 'pinbot.correlation_id': correlationId } : {}) };
    return inSpan('turn', attributes, () => logic(context));
  };
  const refusedToken = (reason: ChannelTokenRefusal, activity?: Activity): void => {
    log.warn('token refused', { reason, channelId: activity?.channelId, activityType: activity?.type });
    metrics.count('pinbot_token_refused_total', { reason });
  };
  return {
    admit: async (authorization) => {
      const verdict = await adapter.admits(authorization);
      if (verdict.kind === 'refused') refusedToken(verdict.reason);
      return verdict.kind === 'valid';
    },
    process: async (req: Request, res: Response) => {
      const parsed = IncomingActivity.safeParse(req.body);
      if (!parsed.success) return end(res, 400);
      // Without a token anyone could name any serviceUrl: the bot would store it as the user's
      // conversation and send answers (a temporary passcode) or requests (SSRF) there. In local
      // mode it is refused before the turn runs: nothing stored, nothing sent.
      if (adapter.localMode && !isLoopbackUrl(parsed.data['serviceUrl'])) return end(res, 403);
      // Who is asking (Entra id, tenant, personal chat) is trusted because Teams sets it. Web Chat
      // and Direct Line clients set it themselves and the Bot Framework signs their activities too,
      // so anything but Teams (Copilot included, which comes as msteams) is refused before the turn.
      if (parsed.data['channelId'] !== TEAMS_CHANNEL_ID) {
        log.warn('activity from another channel refused', { channelId: String(parsed.data['channelId']).slice(0, 40) });
        return end(res, 403);
      }
      // As CloudAdapter.process: an object with a string type is handed on (the bot parses what it
      // reads with zod in activity.ts); validateAndFixActivity only turns the timestamps into Dates.
      const activity = validateAndFixActivity(parsed.data as unknown as Activity);
      try {
        const invoke = await adapter.processIncoming(authorizationOf(req), activity, turn);
        end(res, invoke?.status ?? 200, invoke?.body);
      } catch (error: unknown) {
        if (!(error instanceof RefusedToken)) throw error;
        refusedToken(error.reason, activity);
        end(res, 401);
      }
    },
  };
}

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

function end(res: Response, status: number, body?: unknown): void {
  res.status(status);
  if (body !== undefined) res.send(body);
  res.end();
}
