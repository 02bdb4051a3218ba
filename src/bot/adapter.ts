import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger } from '../log';
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
 * CloudAdapter with Bot Framework authentication from the settings. An empty app id is the local
 * unauthenticated mode used with the Agents Playground (config refuses it in production).
 */
export function createAdapter(identity: BotIdentity, log: Logger): CloudAdapter {
  const configured = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: identity.appId,
    MicrosoftAppPassword: identity.appPassword,
    MicrosoftAppType: identity.appType,
    MicrosoftAppTenantId: identity.appTenantId,
    ...identity.overrides,
  });
  // A bad token must be a 401, not a 500 (botbuilder lets jsonwebtoken's errors through).
  const adapter = new CloudAdapter(new ChannelAuthentication(configured));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    log.error('turn failed', { activityType: context.activity.type, error });
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on our side. Please try again in a minute.');
    }
  };
  return adapter;
}

export function messageEndpoint(adapter: CloudAdapter, logic: (context: TurnContext) => Promise<void>): MessageEndpoint {
  return {
    process: (req: Request, res: Response) => adapter.process(req, res, logic),
  };
}
