import { createAdapter, messageEndpoint } from './bot/adapter';
import { PinResetBot } from './bot/pin-reset-bot';
import { TeamsRequesterNotifier } from './bot/requester-notifier';
import { environmentWithDotEnv, loadConfig, redactedSummary, type Config } from './config';
import { createGraphClient, createGraphCredential, GraphIntune } from './graph';
import { createLogger, type Logger } from './log';
import { createResetApp, Scheduler, type ResetApp } from './reset';
import type { Clock } from './reset/ports';
import { startHttpServer } from './server';
import { openStore, type Store } from './store';

export interface RunningBot {
  url: string;
  app: ResetApp;
  store: Store;
  scheduler: Scheduler;
  stop(): Promise<void>;
}

const systemClock: Clock = { now: () => new Date() };

/** Composition root: config → credential → Graph → store → lifecycle → bot → server. */
export async function startBot(config: Config, log: Logger, clock: Clock = systemClock): Promise<RunningBot> {
  const credential = createGraphCredential({
    tenantId: config.graph.credential.tenantId,
    clientId: config.graph.credential.clientId ?? '',
    clientSecret: config.graph.credential.kind === 'secret' ? config.graph.credential.clientSecret : undefined,
    certificatePath: config.graph.credential.kind === 'certificate' ? config.graph.credential.certificatePath : undefined,
    useManagedIdentity: config.graph.credential.kind === 'managedIdentity',
    managedIdentityClientId: config.graph.credential.kind === 'managedIdentity' ? config.graph.credential.clientId : undefined,
    authorityHost: config.graph.credential.authorityHost,
  });
  const intune = new GraphIntune(createGraphClient({ credential, graphEndpoint: config.graph.endpoint }));
  const store = openStore(config.store);
  const scheduler = new Scheduler(log);
  const adapter = createAdapter(config.bot, log);
  const notifier = new TeamsRequesterNotifier(adapter, config.bot.appId, store, log);
  const app = createResetApp({
    store,
    directory: intune,
    actions: intune,
    notifier,
    scheduler,
    clock,
    log,
    polling: config.polling,
    passcodeVisibleMs: config.passcodeVisibleMs,
  });
  const bot = new PinResetBot({ app, conversations: store, allowedTenantIds: config.allowedTenantIds, botAppId: config.bot.appId, clock, log });
  const server = await startHttpServer(messageEndpoint(adapter, (context) => bot.run(context)), config.port, log);
  const resumed = await app.resumeOpenWork();
  if (resumed > 0) log.info('resumed open requests', { count: resumed });
  const stop = async (): Promise<void> => {
    await server.close();
    await scheduler.stop(config.shutdownGraceMs);
    store.close();
  };
  return { url: server.url, app, store, scheduler, stop };
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
    process.stderr.write(`fatal: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exit(1);
  });
}
