// Real parts for TeamsDelivery tests: CloudAdapter in local mode, the local connector, a SQLite file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CloudAdapter } from 'botbuilder';
import { createAdapter } from '../../../src/bot/adapter';
import { TeamsDelivery } from '../../../src/bot/teams-delivery';
import { createLogger } from '../../../src/log';
import type { StoredConversation } from '../../../src/notify/ports';
import { openStore, type Store } from '../../../src/store';
import { LocalConnector } from '../../support/connector';

export const TENANT = '7f3c1a52-0d4e-4b8a-9e21-5a6b7c8d9e0f';
export const HELPDESK_CHANNEL = '19:helpdesk@thread.tacv2';

export interface DeliveryWorld {
  connector: LocalConnector;
  store: Store;
  adapter: CloudAdapter;
  delivery: TeamsDelivery;
  /** Lines the adapter logged: its onTurnError writes one for every error it swallows. */
  logLines: string[];
  /** What `serviceUrlForChannel` answers, per channel id. */
  channelServiceUrls: Map<string, string>;
  /** What `serviceUrlForTenant` answers, per tenant id. */
  tenantServiceUrls: Map<string, string>;
  close(): Promise<void>;
}

/**
 * The adapter comes from createAdapter with an empty app id (local mode), so it has the bot's real
 * onTurnError — which swallows errors thrown inside a turn unless TeamsDelivery gets them out.
 */
export async function deliveryWorld(options: { defaultServiceUrl?: string } = {}): Promise<DeliveryWorld> {
  const connector = await new LocalConnector().start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinbot-delivery-'));
  const store = openStore(`sqlite:${path.join(dir, 'pinbot.db')}`);
  const logLines: string[] = [];
  const adapter = createAdapter(
    { appId: '', appPassword: undefined, appType: 'MultiTenant', appTenantId: undefined },
    createLogger('debug', (line) => logLines.push(line)),
  );
  const channelServiceUrls = new Map<string, string>();
  const tenantServiceUrls = new Map<string, string>();
  const delivery = new TeamsDelivery({
    adapter,
    botAppId: '',
    conversations: store,
    serviceUrlForChannel: async (channelId) => channelServiceUrls.get(channelId),
    serviceUrlForTenant: async (tenantId) => tenantServiceUrls.get(tenantId),
    defaultServiceUrl: options.defaultServiceUrl ?? connector.url,
    clock: { now: () => new Date() },
  });
  return {
    connector,
    store,
    adapter,
    delivery,
    logLines,
    channelServiceUrls,
    tenantServiceUrls,
    close: async () => {
      store.close();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A conversation as src/bot/conversations.ts saves it when Teams tells the bot about it. */
export function storedConversation(
  world: Pick<DeliveryWorld, 'connector'>,
  conversationId: string,
  options: { kind?: StoredConversation['kind']; userAadObjectId?: string; updatedAt?: string } = {},
): StoredConversation {
  const kind = options.kind ?? 'personal';
  const reference = {
    activityId: 'incoming-1',
    user: { id: '29:someone', aadObjectId: options.userAadObjectId },
    bot: { id: '28:pin-reset-bot', name: 'PIN reset' },
    conversation: { id: conversationId, conversationType: kind, tenantId: TENANT, isGroup: kind !== 'personal' },
    channelId: 'msteams',
    locale: 'en-US',
    serviceUrl: world.connector.url,
  };
  return {
    conversationId,
    kind,
    tenantId: TENANT,
    serviceUrl: world.connector.url,
    userAadObjectId: options.userAadObjectId ?? null,
    referenceJson: JSON.stringify(reference),
    updatedAt: options.updatedAt ?? new Date().toISOString(),
  };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, and it succeeded');
}
