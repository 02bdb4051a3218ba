import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response } from 'restify';
import type { Logger } from '../log';
import { isLoopbackUrl } from '../loopback';
import type { MessageEndpoint } from '../server';
import { ChannelAuthentication } from './channel-authentication';

export interface BotIdentity {
  appId: string;
  appPassword: string | undefined;
  appType: string;
  appTenantId: string | undefined;
  /** Test and sovereign-cloud overrides of ConfigurationBotFrameworkAuthentication (OpenID metadata, issuers). */
  overrides?: Record<string, string>;
}

/**
 * CloudAdapter with Bot Framework authentication from the settings, and the checks that come
 * before a turn (see `messageEndpoint`). An empty app id is the local unauthenticated mode used with
 * the Agents Playground (config refuses it wherever anything says production).
 */
export class TeamsAdapter extends CloudAdapter {
  constructor(
    private readonly authentication: ChannelAuthentication,
    /** No app id: no token is checked, so only loopback may talk to the bot and be answered. */
    readonly localMode: boolean,
  ) {
    super(authentication);
  }

  /** The Authorization header alone, before the body is read; see ChannelAuthentication.verifyHeader. */
  async admits(authorization: string | undefined): Promise<boolean> {
    if (this.localMode) return true;
    if (!authorization) return false;
    try {
      await this.authentication.verifyHeader(authorization);
      return true;
    } catch (error) {
      if (error instanceof AuthenticationError) return false;
      throw error;
    }
  }
}

export function createAdapter(identity: BotIdentity, log: Logger): TeamsAdapter {
  const configured = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
    ...identity.overrides,
  });
  // A bad token must be a 401, not a 500 (botbuilder lets jsonwebtoken's errors through).
  const adapter = new TeamsAdapter(new ChannelAuthentication(configured), identity.appId === '');
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('turn failed', { activityType: context.activity.type, error });
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.');
    }
  };
  return adapter;
}

export function messageEndpoint(adapter: TeamsAdapter, logic: (context: TurnContext) => Promise<void>): MessageEndpoint {
  return {
    admit: (authorization) => adapter.admits(authorization),
    process: async (req: Request, res: Response) => {
      // Without a token anyone could name any serviceUrl: the bot would store it as the user's
      // conversation and send answers (a temporary passcode) or requests (SSRF) there. In local
      // mode it is refused before the turn runs: nothing stored, nothing sent.
      if (adapter.localMode && !isLoopbackUrl((req.body as Record<string, unknown>)['serviceUrl'])) {
        res.send(403);
        return;
      }
      await adapter.process(req, res, logic);
    },
  };
}
