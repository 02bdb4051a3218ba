import type { ConnectorClient, ConnectorFactory } from 'botframework-connector';

/** The Azure SDK pipeline's retry policy inside every ConnectorClient (429, 5xx, socket errors; 3 retries). */
const BUILT_IN_RETRY = 'defaultRetryPolicy';

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
}

/**
 * Proactive delivery retries in one place, the outbox: it honours Retry-After, paces each
 * conversation under Teams' limits and knows what was already sent. The connector library's own
 * hidden retries would resend after a 502/504 that Teams may already have posted, wait out a 429
 * before the outbox sees it, and burst past the pacing — so they are taken out of every client.
 */
export function withoutBuiltInRetries(factory: ConnectorFactory): ConnectorFactory {
  return {
    create: async (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
      const client = await factory.create(serviceUrl, audience);
      pipelineOf(client)?.removePolicy({ name: BUILT_IN_RETRY });
      return client;
    },
  };
}

/** The core-client pipeline inside botbuilder's ServiceClientContext (not part of its typings). */
function pipelineOf(client: ConnectorClient): Pipeline | undefined {
  const pipeline = (client as unknown as { client?: { pipeline?: Partial<Pipeline> } }).client?.pipeline;
  return typeof pipeline?.removePolicy === 'function' ? (pipeline as Pipeline) : undefined;
}
