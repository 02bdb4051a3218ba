import type { ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';
import { TtlCache } from '../promise-cache';

/** Built once, never expired; the oldest go past 100 (Teams uses a handful of service URLs, the bot one app id). */
const KEPT = { ttlMs: Number.POSITIVE_INFINITY, clock: { now: () => new Date() }, maxEntries: 100 };

/** The bot a turn's clients act for, as botframework-connector reads it from the claims. */
function botOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/**
 * CloudAdapter asks for a connector factory and a user-token client on every turn, and each builds
 * a whole Azure SDK pipeline with its own credentials. Neither holds anything specific to a turn —
 * the service URL, the audience and the bot's credentials, whose token they renew themselves — so
 * one is built per bot (and service URL and audience) and reused.
 */
export class ReusedConnectorClients {
  private readonly connectors = new TtlCache<ConnectorClient>(KEPT);
  private readonly userTokens = new TtlCache<UserTokenClient>(KEPT);

  factoryFor(claimsIdentity: ClaimsIdentity, build: () => ConnectorFactory): ConnectorFactory {
    const bot = botOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> =>
        this.connectors.get(JSON.stringify([bot, serviceUrl, audience ?? null]), () => build().create(serviceUrl, audience)),
    };
  }

  userTokenClientFor(claimsIdentity: ClaimsIdentity, build: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.userTokens.get(botOf(claimsIdentity), build);
  }
}
