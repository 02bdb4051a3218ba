import type { ClaimsIdentity, ConnectorClient, ConnectorFactory } from 'botframework-connector';

/** Distinct (bot, service URL, audience) triples kept; Teams uses a handful of service URLs. */
const MAX_CLIENTS = 100;

/**
 * CloudAdapter asks for a connector factory on every turn and builds a new ConnectorClient (a whole
 * Azure SDK pipeline with its own credentials) for every reply. A client holds nothing specific
 * to a turn — the service URL, the audience and the bot's credentials, whose token it renews
 * itself — so one per triple is built and reused.
 */
export class ReusedConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  factoryFor(claimsIdentity: ClaimsIdentity, build: () => ConnectorFactory): ConnectorFactory {
    const bot = claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const key = JSON.stringify([bot, serviceUrl, audience ?? null]);
        const known = this.clients.get(key);
        if (known) return known;
        const created = build().create(serviceUrl, audience);
        // A failed build (credentials, a bad URL) is not kept: the next turn tries again.
        created.catch(() => this.clients.delete(key));
        if (this.clients.size >= MAX_CLIENTS) this.clients.delete(this.clients.keys().next().value ?? '');
        this.clients.set(key, created);
        return created;
      },
    };
  }
}
