import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_TENANT_ID, type DemoTenant } from '../../../src/demo/tenant';
import type { TestUser } from '../../support/bot-harness';
import type { LocalConnector } from '../../support/connector';
import { freePort } from '../../support/ports';

const ENTRY = path.resolve(__dirname, '../../../dist/src/index.js');

export interface ProcessBotOptions {
  /** The `serviceUrl` of the activities it gets (default: the connector's URL), e.g. a proxy in front of the connector. */
  serviceUrl?: string;
  /** Keep the JSON log lines the process writes on stdout (`logLines`); LOG_LEVEL still decides which. */
  keepLog?: boolean;
}

/** Where an activity happens when it is not the user's personal chat: a thread of a Teams channel. */
export interface ChannelPlace {
  /** The Teams channel id ("19:…@thread.tacv2"), as channelData.channel.id. */
  channelId: string;
  /** The conversation id of the thread ("<channelId>;messageid=<root>"); default the channel's first thread. */
  conversationId?: string;
}

/** The built bot as a real process (`npm start`), so a test can kill -9 it and start it again. */
export class ProcessBot {
  private child?: ChildProcess;
  private port = 0;
  /** Every stdout line of every run of this bot (only with `keepLog`). */
  readonly logLines: string[] = [];

  constructor(
    private readonly tenant: DemoTenant,
    private readonly connector: LocalConnector,
    private readonly storePath: string,
    private readonly env: Record<string, string> = {},
    private readonly options: ProcessBotOptions = {},
  ) {
    if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" (npm test does it)`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id of the current run (undefined before the first start). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.child = spawn(process.execPath, ['--disable-warning=DEP0111', ENTRY], {
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
        PORT: String(this.port),
        LOG_LEVEL: 'warn',
        AZURE_TENANT_ID: DEMO_TENANT_ID,
        AZURE_CLIENT_ID: DEMO_CLIENT_ID,
        AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
        AZURE_AUTHORITY_HOST: this.tenant.authorityHost,
        GRAPH_ENDPOINT: this.tenant.graphEndpoint,
        STORE: `sqlite:${this.storePath}`,
        POLL_FIRST_DELAY_SECONDS: '0.5',
        POLL_MAX_DELAY_SECONDS: '0.5',
        MAX_REQUESTS_PER_USER_PER_DAY: '1000',
        MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: '10000',
        OUTBOX_LEASE_SECONDS: '2',
        ...this.env,
      },
      stdio: ['ignore', this.options.keepLog ? 'pipe' : 'ignore', 'inherit'],
    });
    if (this.options.keepLog && this.child.stdout) {
      createInterface({ input: this.child.stdout }).on('line', (line) => this.logLines.push(line));
    }
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline) {
      if (await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the bot process did not become healthy');
  }

  /** kill -9: no shutdown hook runs, whatever was in flight is lost. */
  async kill(): Promise<void> {
    const child = this.child;
    // A process ended by a signal has signalCode set and exitCode null.
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** A message from `user`: in their personal chat, or in a channel thread when `place` says so. */
  async say(user: TestUser, text: string, place?: ChannelPlace): Promise<void> {
    const response = await this.post({ ...this.base(user, place), type: 'message', text });
    await response.arrayBuffer();
  }

  /** A card click (Action.Execute) by `user`; answers the HTTP status. */
  async invoke(user: TestUser, verb: string, data: Record<string, unknown>, replyToId?: string, place?: ChannelPlace): Promise<number> {
    const response = await this.post({
      ...this.base(user, place),
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
    await response.arrayBuffer();
    return response.status;
  }

  conversationOf(user: TestUser): string {
    return `a:personal-${user.id}`;
  }

  private post(activity: Record<string, unknown>): Promise<Response> {
    return fetch(`${this.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  }

  private base(user: TestUser, place?: ChannelPlace): Record<string, unknown> {
    const conversation = place
      ? { id: place.conversationId ?? `${place.channelId};messageid=1`, conversationType: 'channel', tenantId: DEMO_TENANT_ID, isGroup: true }
      : { id: this.conversationOf(user), conversationType: 'personal', tenantId: DEMO_TENANT_ID };
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: this.options.serviceUrl ?? this.connector.url,
      locale: 'en-US',
      from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
      recipient: { id: '28:pin-reset-bot', name: 'PIN reset' },
      conversation,
      channelData: { tenant: { id: DEMO_TENANT_ID }, ...(place ? { channel: { id: place.channelId }, team: { id: place.channelId } } : {}) },
    };
  }
}
