import { createAdapter, messageEndpoint } from './bot/adapter';
import { ApprovalHandlers } from './bot/approval-handlers';
import { FreshSignInGate } from './bot/fresh-signin';
import { PinResetBot } from './bot/pin-reset-bot';
import { TeamsPasscodeMessenger } from './bot/passcode-messenger';
import { TeamsDelivery } from './bot/teams-delivery';
import type { TokenCredential } from '@azure/identity';
import { environmentWithDotEnv, loadConfig, type Config } from './config';
import { redactedSummary } from './config-summary';
import { cachedPeople, createGraphClient, createGraphCredential, GraphAppInstaller, GraphIntune, GraphPeople } from './graph';
import { createLogger, type Logger } from './log';
import { Outbox, OutboxWorker } from './notify';
import { OutboxRequestAnnouncer } from './notify/request-announcer';
import { OutboxRequesterNotifier } from './notify/requester-notifier';
import { createResetApp, Scheduler, type ResetApp } from './reset';
import { ApprovalChannels } from './reset/approval-channel';
import type { Clock } from './reset/ports';
import { instrumentGraph, instrumentRequestStore } from './observability/instrumented';
import { AppInsightsExporter, parseConnectionString } from './observability/app-insights';
import { InMemoryMetrics } from './observability/metrics';
import { startHttpServer, type Probes } from './server';
import { openStoreAsync, type AzureTableSettings, type Store } from './store';

export interface RunningBot {
  url: string;
  app: ResetApp;
  store: Store;
  scheduler: Scheduler;
  outbox: OutboxWorker;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** Composition root: config → credential → Graph → store → lifecycle → delivery → bot → server. */
export async function startBot(config: Config, log: Logger, clock: Clock = systemClock): Promise<RunningBot> {
  const metrics = new InMemoryMetrics();
  const credential = createGraphCredential(credentialOptions(config));
  const graph = instrumentGraph(createGraphClient({ credential, graphEndpoint: config.graph.endpoint, timeoutMs: config.graph.timeoutMs }), metrics);
  const intune = new GraphIntune(graph);
  const people = cachedPeople(new GraphPeople(graph));
  const store = instrumentRequestStore(await openConfiguredStore(config, credential, clock, log), metrics, config.approval.ttlMs, () => clock.now());
  const scheduler = new Scheduler(log);
  const adapter = createAdapter(config.bot, log);
  const channels = new ApprovalChannels(store, people, config.approval.helpdeskGroupId, config.approval.presetChannelId);
  const delivery = new TeamsDelivery({
    adapter,
    botAppId: config.bot.appId,
    conversations: store,
    serviceUrlForChannel: (channelId: string) => channels.serviceUrlOf(channelId),
    serviceUrlForTenant: async (tenantId: string) => (await store.newestConversationInTenant(tenantId))?.serviceUrl,
    defaultServiceUrl: config.teamsServiceUrl,
    clock,
  });
  const installer = new GraphAppInstaller(graph, { catalogAppId: config.teamsApp.catalogId, manifestAppId: config.teamsApp.manifestId });
  let app: ResetApp | undefined;
  const worker = new OutboxWorker(
    {
      store,
      delivery,
      installer,
      log,
      onFailed: async (message, reason) => {
        const managerNotice = /^request:([^:]+):manager(?::|-approval-card$)/.exec(message.eventKey);
        if (managerNotice?.[1]) await app?.approvals.managerNotNotified(managerNotice[1], reason);
      },
    },
    { leaseMs: config.leaseMs },
  );
  const outbox = new Outbox(store, clock, () => worker.kick());
  const announcer = new OutboxRequestAnnouncer({ outbox, channels, requests: store, channelLocale: config.approval.channelLocale, notifyManager: config.notifyManager });
  app = createResetApp({
    store,
    directory: intune,
    actions: intune,
    people,
    notifier: new OutboxRequesterNotifier(outbox, store),
    passcodes: new TeamsPasscodeMessenger(adapter, config.bot.appId, store, log),
    announcer,
    scheduler,
    clock,
    log,
    polling: { ...config.polling, leaseMs: config.workLeaseMs },
    passcodeVisibleMs: config.passcodeVisibleMs,
    approval: config.approval,
    notifyManager: config.notifyManager,
    maxRequestsPerDay: config.maxRequestsPerDay,
  });
  const approvals = new ApprovalHandlers({ app, channels, people, store, outbox, log });
  const freshSignIn = config.freshSignIn.required ? new FreshSignInGate({ ...config.freshSignIn, clock, log }) : undefined;
  const bot = new PinResetBot({ app, approvals, freshSignIn, conversations: store, allowedTenantIds: config.allowedTenantIds, botAppId: config.bot.appId, clock, log });
  const probes = readiness(store, credential, config, metrics, log);
  const server = await startHttpServer(messageEndpoint(adapter, (context) => bot.run(context)), probes, config.port, log);
  worker.start();
  const exporter = startAppInsights(config, metrics, log);
  const resumed = await app.resumeOpenWork();
  if (resumed > 0) log.info('resumed open requests', { count: resumed });
  // Another instance may die holding a follow-up, an approved action or a shown passcode: take it
  // over once its lease (renewed every third of it while alive) has run out.
  app.watchForOrphanedWork(config.workLeaseMs / 3);
  const stop = async (): Promise<void> => {
    await server.close();
    await scheduler.stop(config.shutdownGraceMs);
    await worker.stop();
    await exporter?.stop();
    store.close();
  };
  return { url: server.url, app, store, scheduler, outbox: worker, stop };
}

/**
 * SQLite, or Azure Table Storage with the managed identity (account URL) or a connection string.
 * The Table store is checked at start: a bot that cannot reach its store cannot keep a promise.
 */
async function openConfiguredStore(config: Config, credential: TokenCredential, clock: Clock, log: Logger): Promise<Store> {
  const { connectionString, accountUrl, tablePrefix } = config.storage;
  const azure: AzureTableSettings = connectionString ? { connectionString, tablePrefix } : { accountUrl, credential, tablePrefix };
  return openStoreAsync(config.store, { clock, log, azure });
}

function startAppInsights(config: Config, metrics: InMemoryMetrics, log: Logger): AppInsightsExporter | undefined {
  if (!config.appInsights) return undefined;
  const target = parseConnectionString(config.appInsights.connectionString);
  if (!target) {
    log.warn('APPLICATIONINSIGHTS_CONNECTION_STRING has no InstrumentationKey: metrics are not exported');
    return undefined;
  }
  const exporter = new AppInsightsExporter(target, metrics, log, config.appInsights.intervalMs);
  exporter.start();
  return exporter;
}

/** /readyz: the store answers and a Graph token can be had; /metrics: counters and the outbox depth. */
function readiness(store: Store, credential: TokenCredential, config: Config, metrics: InMemoryMetrics, log: Logger): Probes {
  const check = async (name: string, probe: () => Promise<unknown>): Promise<string> => {
    try {
      await Promise.race([probe(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000).unref())]);
      return 'ok';
    } catch (error) {
      log.warn('readiness check failed', { check: name, error });
      return 'failing';
    }
  };
  return {
    ready: async () => {
      const checks = {
        store: await check('store', () => store.setting('readiness-probe')),
        graphToken: await check('graphToken', () => credential.getToken(`${config.graph.endpoint}/.default`)),
      };
      return { ready: Object.values(checks).every((c) => c === 'ok'), checks };
    },
    metrics: async () => ({ ...metrics.snapshot(), outbox: await store.outboxDepth() }),
  };
}

function credentialOptions(config: Config): Parameters<typeof createGraphCredential>[0] {
  const credential = config.graph.credential;
  return {
    tenantId: credential.tenantId,
    clientId: credential.clientId ?? '',
    clientSecret: credential.kind === 'secret' ? credential.clientSecret : undefined,
    certificatePath: credential.kind === 'certificate' ? credential.certificatePath : undefined,
    useManagedIdentity: credential.kind === 'managedIdentity',
    managedIdentityClientId: credential.kind === 'managedIdentity' ? credential.clientId : undefined,
    authorityHost: credential.authorityHost,
  };
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(environmentWithDotEnv());
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const log = createLogger(config.logLevel);
  log.info('starting', redactedSummary(config));
  const running = await startBot(config, log);
  const shutdown = (signal: string): void => {
    log.info('stopping', { signal });
    const deadline = setTimeout(() => process.exit(1), 4500);
    deadline.unref();
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stop failed', { error });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
