import { createAdapter, messageEndpoint } from './bot/adapter';
import { ApprovalHandlers } from './bot/approval-handlers';
import { FreshSignInGate } from './bot/fresh-signin';
import { PinResetBot } from './bot/pin-reset-bot';
import { RecoveryKeyHandlers } from './bot/recovery-key-handlers';
import { TeamsRecoveryKeyMessenger } from './bot/recovery-key-messenger';
import { TeamsPasscodeMessenger } from './bot/passcode-messenger';
import { TeamsDelivery } from './bot/teams-delivery';
import type { TokenCredential } from '@azure/identity';
import { environmentWithDotEnv, loadConfig, startupWarnings, type Config } from './config';
import { redactedSummary } from './config-summary';
import { cachedPeople, createGraphClient, createGraphCredential, GraphAppInstaller, GraphIntune, GraphPeople, type GraphApi } from './graph';
import { delegatedRecoveryKeyReaders, GraphIntuneDeviceLinks } from './graph/bitlocker';
import { createLogger, type Logger } from './log';
import { Outbox, OutboxWorker } from './notify';
import { OutboxRequestAnnouncer } from './notify/request-announcer';
import { OutboxRequesterNotifier } from './notify/requester-notifier';
import { keepOutboxPruned } from './notify/retention';
import { RecoveryKeyApprovals, RecoveryKeyService } from './recovery-key';
import { createResetApp, Scheduler, type ResetApp } from './reset';
import { ApprovalChannels } from './reset/approval-channel';
import type { Clock } from './reset/ports';
import { instrumentGraph, instrumentRequestStore, traceDelivery, traceStore } from './observability/instrumented';
import { PrometheusMetrics } from './observability/metrics';
import { startAzureMonitor, type Telemetry } from './observability/telemetry';
import { startHttpServer, startMetricsServer, type MetricsServer, type Probes } from './server';
import { openStoreAsync, type AzureTableSettings, type Store } from './store';

export interface RunningBot {
  url: string;
  /** http://127.0.0.1:<METRICS_PORT> when METRICS_PORT is set: /metrics and /readyz. */
  metricsUrl: string | undefined;
  app: ResetApp;
  store: Store;
  scheduler: Scheduler;
  outbox: OutboxWorker;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** What tests may put in place of a part that needs the real Bot Framework token service. */
export interface TestSeams {
  /** The fresh sign-in for the recovery key (the token service cannot be reached from a test). */
  recoveryKeySignIn?: ConstructorParameters<typeof RecoveryKeyHandlers>[0]['signIn'];
}

/** Composition root: config → credential → Graph → store → lifecycle → delivery → bot → server. */
export async function startBot(config: Config, log: Logger, clock: Clock = systemClock, seams: TestSeams = {}): Promise<RunningBot> {
  for (const warning of startupWarnings(config)) log.warn(warning);
  // First: the meter provider must be registered before the metrics below create their instruments.
  const telemetry = config.appInsights ? await startAzureMonitor(config.appInsights.connectionString) : undefined;
  const metrics = new PrometheusMetrics();
  const credential = createGraphCredential(credentialOptions(config));
  const graph = instrumentGraph(createGraphClient({ credential, graphEndpoint: config.graph.endpoint, timeoutMs: config.graph.timeoutMs }), metrics);
  const intune = new GraphIntune(graph);
  const people = cachedPeople(new GraphPeople(graph));
  const store = traceStore(instrumentRequestStore(await openConfiguredStore(config, credential, clock, log), metrics, config.approval.ttlMs, () => clock.now()));
  metrics.measureOutbox(() => store.outboxDepth());
  const scheduler = new Scheduler(log);
  const adapter = createAdapter(config.bot, log, clock);
  const channels = new ApprovalChannels(store, people, config.approval.helpdeskGroupId, config.approval.presetChannelId);
  const delivery = traceDelivery(new TeamsDelivery({
    adapter,
    botAppId: config.bot.appId,
    conversations: store,
    serviceUrlForChannel: (channelId: string) => channels.serviceUrlOf(channelId),
    serviceUrlForTenant: async (tenantId: string) => (await store.newestConversationInTenant(tenantId))?.serviceUrl,
    defaultServiceUrl: config.teamsServiceUrl,
    clock,
  }));
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
  const notifier = new OutboxRequesterNotifier(outbox, store);
  app = createResetApp({
    store,
    directory: intune,
    actions: intune,
    people,
    notifier,
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
  const recoveryKeys = recoveryKeyHandlers(config, { graph, intune, store, adapter, scheduler, clock, log, app, channels, announcer, notifier }, seams);
  const bot = new PinResetBot({
    app,
    approvals,
    freshSignIn,
    recoveryKeys: recoveryKeys?.handlers,
    conversations: store,
    allowedTenantIds: config.allowedTenantIds,
    maxGraphMessagesPerMinute: config.maxGraphMessagesPerMinute,
    botAppId: config.bot.appId,
    passwordResetUrl: config.selfServicePasswordResetUrl,
    clock,
    log,
  });
  const server = await startHttpServer(messageEndpoint(adapter, (context) => bot.run(context), log, metrics), config.port, log, config.host);
  const metricsServer = await startMetricsEndpoint(config, readiness(store, credential, config, metrics, log), log);
  worker.start();
  keepOutboxPruned({ store, clock, log }, scheduler, config.outboxRetentionMs);
  const resumed = await app.resumeOpenWork();
  if (resumed > 0) log.info('resumed open requests', { count: resumed });
  const keysToHide = (await recoveryKeys?.service.resumeHiding()) ?? 0;
  if (keysToHide > 0) log.info('recovery keys still shown: hiding them on time', { count: keysToHide });
  // Another instance may die holding a follow-up, an approved action or a shown passcode: take it
  // over once its lease (renewed every third of it while alive) has run out.
  // Shown recovery keys ride the same sweep as passcodes: one whose timer was lost is hidden on the next round.
  app.watchForOrphanedWork(config.workLeaseMs / 3, recoveryKeys ? [() => recoveryKeys.service.hideOverdueKeys()] : []);
  const stop = async (): Promise<void> => {
    await server.close();
    await metricsServer?.close();
    await scheduler.stop(config.shutdownGraceMs);
    await worker.stop();
    await stopTelemetry(telemetry, log);
    store.close();
  };
  return { url: server.url, metricsUrl: metricsServer?.url, app, store, scheduler, outbox: worker, stop };
}

/**
 * The BitLocker recovery key (RECOVERY_KEY_POLICY=self|approval): Intune read app-only as everywhere, the key
 * only with the user's token, exchanged on their behalf; its own fresh sign-in gate on the OAuth connection.
 * Under `approval` the request goes through the reset flow's helpdesk approval first (app.approvals).
 */
function recoveryKeyHandlers(
  config: Config,
  deps: {
    graph: Pick<GraphApi, 'call'>;
    intune: GraphIntune;
    store: Store;
    adapter: ReturnType<typeof createAdapter>;
    scheduler: Scheduler;
    clock: Clock;
    log: Logger;
    app: ResetApp;
    channels: ApprovalChannels;
    announcer: OutboxRequestAnnouncer;
    notifier: OutboxRequesterNotifier;
  },
  seams: TestSeams,
): { handlers: RecoveryKeyHandlers; service: RecoveryKeyService } | undefined {
  const settings = config.recoveryKey;
  if (settings.policy === 'off') return undefined;
  const { graph, intune, store, adapter, scheduler, clock, log, app, channels, announcer, notifier } = deps;
  const service = new RecoveryKeyService({
    policy: settings.policy,
    directory: intune,
    links: new GraphIntuneDeviceLinks(graph),
    readers: delegatedRecoveryKeyReaders({
      app: settings.onBehalfOf,
      graphEndpoint: config.graph.endpoint,
      timeoutMs: config.graph.timeoutMs,
      client: { name: 'Teams PIN reset bot', version: PACKAGE_VERSION },
    }),
    ledger: store,
    messenger: new TeamsRecoveryKeyMessenger(adapter, config.bot.appId, store, config.passcodeVisibleMs),
    scheduler,
    clock,
    log,
    visibleMs: config.passcodeVisibleMs,
    maxAttemptsPerDay: settings.maxAttemptsPerDay,
  });
  const signIn = seams.recoveryKeySignIn ?? new FreshSignInGate({ ...settings.signIn, clock, log });
  const approvals =
    settings.policy === 'approval'
      ? new RecoveryKeyApprovals({
          service,
          store,
          channels,
          approvals: app.approvals,
          notifier,
          announcer,
          scheduler,
          clock,
          log,
          approvalTtlMs: config.approval.ttlMs,
          maxRequestsPerDay: config.maxRequestsPerDay,
        })
      : undefined;
  return { handlers: new RecoveryKeyHandlers({ service, signIn, clock, approvals }), service };
}

const PACKAGE_VERSION = '0.1.0';

/**
 * SQLite, or Azure Table Storage with the managed identity (account URL) or a connection string.
 * The Table store is checked at start: a bot that cannot reach its store cannot keep a promise.
 */
async function openConfiguredStore(config: Config, credential: TokenCredential, clock: Clock, log: Logger): Promise<Store> {
  const { connectionString, accountUrl, tablePrefix } = config.storage;
  const azure: AzureTableSettings = connectionString ? { connectionString, tablePrefix } : { accountUrl, credential, tablePrefix };
  return openStoreAsync(config.store, { clock, log, azure });
}

function startMetricsEndpoint(config: Config, probes: Probes, log: Logger): Promise<MetricsServer> | undefined {
  return config.metricsPort === undefined ? undefined : startMetricsServer(probes, config.metricsPort, log);
}

/** The last spans, metrics and logs are flushed here; telemetry that cannot be sent must not stop the bot stopping. */
async function stopTelemetry(telemetry: Telemetry | undefined, log: Logger): Promise<void> {
  try {
    await telemetry?.stop();
  } catch (error) {
    log.warn('telemetry flush failed', { error });
  }
}

/** /readyz: the store answers and a Graph token can be had; /metrics: Prometheus text with the outbox depth. */
function readiness(store: Store, credential: TokenCredential, config: Config, metrics: PrometheusMetrics, log: Logger): Probes {
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
    metrics: () => metrics.exposition(),
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
