import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config';
import { startBot, type RunningBot, type TestSeams } from '../../src/index';
import { createLogger, type Logger } from '../../src/log';
import type { Clock } from '../../src/reset/ports';
import { LocalConnector } from './connector';

export interface TenantEndpoints {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphEndpoint: string;
  authorityHost: string;
}

export interface TestUser {
  id: string;
  name: string;
}

export interface ActivityOptions {
  locale?: string;
  conversationType?: 'personal' | 'groupChat' | 'channel';
  conversationId?: string;
  tenantId?: string;
  channelDataTenantId?: string;
  replyToId?: string;
  omitAadObjectId?: boolean;
  /** A Teams channel id: sets channelData.channel (and makes the conversation a channel thread). */
  channelId?: string;
  /** The Authorization header, e.g. `Bearer <channel token>`, for a bot with MicrosoftAppId set. */
  authorization?: string;
}

export interface InvokeAnswer {
  status: number;
  body: { statusCode?: number; type?: string; value?: Record<string, unknown> } | undefined;
}

/** The real bot (restify + CloudAdapter + Graph client + SQLite) on loopback, with a local connector. */
export class BotUnderTest {
  private constructor(
    readonly running: RunningBot,
    readonly connector: LocalConnector,
    readonly tenant: TenantEndpoints,
    readonly storePath: string,
    /** Every log line the bot wrote, to search for secrets. */
    readonly lines: string[],
  ) {}

  static async start(
    tenant: TenantEndpoints,
    options: {
      env?: Record<string, string>;
      storePath?: string;
      connector?: LocalConnector;
      /** Changes the parsed settings (e.g. a setting that needs the real Bot Framework token service). */
      configure?: (config: Config) => Config;
      seams?: TestSeams;
      clock?: Clock;
    } = {},
  ): Promise<BotUnderTest> {
    const connector = options.connector ?? (await new LocalConnector().start());
    const storePath = options.storePath ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'pinbot-')), 'pinbot.db');
    const loaded = loadConfig({
      PORT: '0',
      AZURE_TENANT_ID: tenant.tenantId,
      AZURE_CLIENT_ID: tenant.clientId,
      AZURE_CLIENT_SECRET: tenant.clientSecret,
      AZURE_AUTHORITY_HOST: tenant.authorityHost,
      GRAPH_ENDPOINT: tenant.graphEndpoint,
      STORE: `sqlite:${storePath}`,
      POLL_FIRST_DELAY_SECONDS: '0.4',
      POLL_MAX_DELAY_SECONDS: '0.5',
      MAX_REQUESTS_PER_USER_PER_DAY: '1000',
      MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: '10000',
      ...options.env,
    });
    const config = options.configure ? options.configure(loaded) : loaded;
    const lines: string[] = [];
    const log: Logger = createLogger('debug', (line) => lines.push(line));
    const running = await startBot(config, log, options.clock, options.seams);
    return new BotUnderTest(running, connector, tenant, storePath, lines);
  }

  get store(): RunningBot['store'] {
    return this.running.store;
  }

  async stop(options: { keepConnector?: boolean } = {}): Promise<void> {
    await this.running.stop();
    if (!options.keepConnector) await this.connector.stop();
  }

  /** Waits until background work (Graph action, polling) has settled or `timeoutMs` passed. */
  async settle(predicate: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await predicate()) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('condition not reached in time');
  }

  async say(user: TestUser, text: string, options: ActivityOptions = {}): Promise<number> {
    const response = await this.post({ ...this.base(user, options), type: 'message', text }, options);
    return response.status;
  }

  async invoke(user: TestUser, verb: string, data: Record<string, unknown>, options: ActivityOptions = {}): Promise<InvokeAnswer> {
    const activity = {
      ...this.base(user, options),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: options.replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    };
    const response = await this.post(activity, options);
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as InvokeAnswer['body']) : undefined };
  }

  async post(activity: Record<string, unknown>, options: Pick<ActivityOptions, 'authorization'> = {}): Promise<Response> {
    return fetch(`${this.running.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}) },
      body: JSON.stringify(activity),
    });
  }

  personalConversationOf(user: TestUser): string {
    return `a:personal-${user.id}`;
  }

  private base(user: TestUser, options: ActivityOptions): Record<string, unknown> {
    const conversationType = options.conversationType ?? 'personal';
    const tenantId = options.tenantId ?? this.tenant.tenantId;
    return {
      id: randomUUID(),
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: this.connector.url,
      locale: options.locale ?? 'en-US',
      from: { id: `29:${user.id}`, name: user.name, ...(options.omitAadObjectId ? {} : { aadObjectId: user.id }) },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      conversation: {
        id: options.conversationId ?? (conversationType === 'personal' ? this.personalConversationOf(user) : `19:${conversationType}@thread.v2`),
        conversationType,
        tenantId,
        isGroup: conversationType !== 'personal',
      },
      channelData: {
        tenant: { id: options.channelDataTenantId ?? tenantId },
        ...(options.channelId ? { channel: { id: options.channelId }, team: { id: options.channelId } } : {}),
      },
    };
  }
}
