import type { ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from 'botframework-connector';

/** Distinct keys kept; Teams uses a handful of service URLs and the bot has one app id. */
const MAX_KEPT = 100;

/**
 * One value per key, built once: concurrent callers share the build, a failed build is not kept
 * (the next call tries again), and the oldest key goes when the map is full.
 */
class BuiltOnce<T> {
  private readonly values = new Map<string, Promise<T>>();

  get(key: string, build: () => Promise<T>): Promise<T> {
    const known = this.values.get(key);
    if (known) return known;
    const built = build();
    built.catch(() => this.values.delete(key));
    if (this.values.size >= MAX_KEPT) this.values.delete(this.values.keys().next().value ?? '');
    this.values.set(key, built);
    return built;
  }
}

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
  private readonly connectors = new BuiltOnce<ConnectorClient>();
  private readonly userTokens = new BuiltOnce<UserTokenClient>();

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
