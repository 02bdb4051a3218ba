// `npm run bench`: the performance figures of issue 6 against their targets, on this machine, over
// loopback only. Starts the demo tenant, a local connector, the built bot and a bare echo bot (both
// as `node <file>` child processes), drives them, prints one table and writes bench/results.json.
// Every loop is bounded; the run ends by itself: about 10 minutes on 2 cores, 8½ of them the
// approval burst draining at Teams' 60 cards per 30 s into one channel (`--quick`: about 3 minutes).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, DEMO_HELPDESK_GROUP_ID, DEMO_TENANT_ID, DEMO_USER_IDS } from '../src/demo/tenant';
import type { Channel } from './activities';
import { BotProcess, MemorySampler } from './children';
import { BenchConnector } from './connector';
import { cpuShareBetween, cpuSnapshot, loadAverage, processCpuMs } from './machine';
import { parseOptions, type BenchOptions } from './options';
import { approvalBurst, type BurstRun } from './phases/burst';
import { confirmWhileGraphIsSlow } from './phases/invoke';
import { completeResets } from './phases/resets';
import { driveTurns } from './phases/turns';
import { summariseProfileIn } from './profile';
import { renderTable, rowsOf, writeResults, type BenchResults, type MeasuredTurns, type ProcessFigures } from './report';
import { sleep } from './stats';
import { StoreReader } from './store-reader';
import { addPeople, startBenchTenant, type BenchTenant, type BenchUser } from './tenant';

const ROOT = path.resolve(__dirname, '..');
const BOT_ENTRY = path.join(ROOT, 'dist/src/index.js');
const ECHO_ENTRY = path.join(ROOT, 'dist/bench/echo-bot.js');
/** Cold starts timed per bot (the median is the figure: one start on a shared machine is noise). */
const COLD_STARTS = 5;
/** Intune reports the action done this long after it was sent; the bot first looks after 1 s. */
const ACTION_COMPLETES_AFTER_MS = 800;

const began = performance.now();

/**
 * The node flags of `npm start` (package.json), so the bench runs the bot as Azure does, plus any
 * --bot-node-flags to try. The entry file itself is BOT_ENTRY.
 */
function botNodeArgs(options: BenchOptions): string[] {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const start = manifest.scripts?.start ?? '';
  if (!/^node\s.*dist\/src\/index\.js$/.test(start)) throw new Error(`package.json "start" is not "node [flags] dist/src/index.js": ${start}`);
  return [...start.split(/\s+/).filter((word) => word.startsWith('--')), ...options.botNodeFlags];
}
const running = new Set<BotProcess>();

function progress(line: string): void {
  process.stderr.write(`[${((performance.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}\n`);
}

interface People {
  turns: BenchUser[];
  invokes: BenchUser[];
  resets: BenchUser[];
  burst: BenchUser[];
}

interface Context {
  options: BenchOptions;
  dir: string;
  bench: BenchTenant;
  connector: BenchConnector;
  channel: Channel;
  people: People;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  for (const entry of [BOT_ENTRY, ECHO_ENTRY]) if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm run bench does)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pinbot-bench-'));
  const loadAtStart = loadAverage();
  progress(`work folder ${dir}; load average ${loadAtStart}`);
  const bench = await startBenchTenant(dir, options.graphLatencyMs, ACTION_COMPLETES_AFTER_MS);
  const connector = await new BenchConnector().start();
  try {
    const context: Context = { options, dir, bench, connector, channel: { serviceUrl: connector.url, tenantId: DEMO_TENANT_ID }, people: addBenchPeople(bench, options) };
    const echo = await runEcho(context);
    if (options.turnsOnly) return await compareTurnsOnly(context, echo);
    const bot = await runBot(context);
    bot.figures.coldStartsMs.push(...(await coldStarts(context, 'bot', BOT_ENTRY, COLD_STARTS - 1)));
    echo.figures.coldStartsMs.push(...(await coldStarts(context, 'echo bot', ECHO_ENTRY, COLD_STARTS - 1)));
    const burst = await runBurst(context);
    const results: BenchResults = {
      options,
      echo: { ...echo.figures, turns: echo.turns },
      bot: { ...bot.figures, turns: bot.turns, peaksMb: bot.peaksMb },
      invoke: bot.invoke,
      resets: bot.resets,
      burst: { ...burst.run, process: burst.process },
      profile: options.profile ? summariseProfileIn(path.join(dir, 'profile')) : undefined,
      logs: { echo: path.join(dir, 'echo.log'), bot: path.join(dir, 'bot.log'), approvalBot: path.join(dir, 'approval-bot.log') },
      elapsedS: Math.round((performance.now() - began) / 1000),
      loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
    };
    const rows = rowsOf(results);
    writeResults(path.resolve(ROOT, options.out), results, rows);
    console.log(`\n${renderTable(rows)}\n`);
    if (results.profile) printProfile(results.profile);
    console.log(`${rows.filter((row) => row.pass === true).length} PASS, ${rows.filter((row) => row.pass === false).length} FAIL — ${results.elapsedS} s; results in ${options.out}, logs in ${dir}`);
  } finally {
    await Promise.all([...running].map((child) => child.stop()));
    await Promise.all([bench.tenant.stop(), connector.stop()]);
    for (const store of ['store-bot', 'store-approval', ...Array.from({ length: COLD_STARTS }, (_, n) => `store-cold-${n}`)]) {
      rmSync(path.join(dir, store), { recursive: true, force: true });
    }
  }
}

function addBenchPeople(bench: BenchTenant, options: BenchOptions): People {
  const managers = addPeople(bench.tenant, { group: 'ff', count: options.users, devicesEach: 0 });
  return {
    turns: addPeople(bench.tenant, { group: '01', count: options.users, devicesEach: 1, managers }),
    // Three devices each: MAX_REQUESTS_PER_USER_PER_DAY (default 3) lets a person open three requests a day.
    invokes: addPeople(bench.tenant, { group: '02', count: options.users, devicesEach: 3, managers }),
    resets: addPeople(bench.tenant, { group: '03', count: options.users, devicesEach: 1, managers }),
    // Nobody's manager: the burst measures the helpdesk channel's cards alone.
    burst: addPeople(bench.tenant, { group: '04', count: options.burst, devicesEach: 1 }),
  };
}

/** The bot's settings: exactly what a real tenant uses, pointed at the demo tenant and the connector. */
function botEnv(context: Context, name: string, extra: Record<string, string> = {}): Record<string, string> {
  const storeDir = path.join(context.dir, `store-${name}`);
  mkdirSync(storeDir, { recursive: true });
  return {
    NODE_EXTRA_CA_CERTS: context.bench.certPath,
    AZURE_TENANT_ID: DEMO_TENANT_ID,
    AZURE_CLIENT_ID: DEMO_CLIENT_ID,
    AZURE_CLIENT_SECRET: DEMO_CLIENT_SECRET,
    AZURE_AUTHORITY_HOST: context.bench.tenant.authorityHost,
    GRAPH_ENDPOINT: context.bench.tenant.graphEndpoint,
    TEAMS_SERVICE_URL: context.connector.url,
    STORE: `sqlite:${path.join(storeDir, 'pinbot.db')}`,
    POLL_FIRST_DELAY_SECONDS: '1',
    POLL_MAX_DELAY_SECONDS: '5',
    // The load is many messages per simulated person: the per-person Graph limit would answer them all "slow down".
    MAX_GRAPH_MESSAGES_PER_USER_PER_MINUTE: '10000',
    ...extra,
  };
}

/** Starts the bot `count` times from nothing (a fresh store each) and stops it once healthy. */
async function coldStarts(context: Context, name: string, entry: string, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < count; n += 1) {
    const env = entry === BOT_ENTRY ? botEnv(context, `cold-${n}`) : {};
    const child = await BotProcess.start(`${name} (cold start)`, entry, env, path.join(context.dir, 'cold-starts.log'), entry === BOT_ENTRY ? botNodeArgs(context.options) : []);
    times.push(child.coldStartMs);
    await child.stop();
  }
  progress(`${name}: cold starts ${times.map((ms) => Math.round(ms)).join(', ')} ms`);
  return times;
}

async function launch(name: string, entry: string, env: Record<string, string>, logPath: string, nodeArgs: string[] = []): Promise<{ child: BotProcess; sampler: MemorySampler; idleRssMb: number }> {
  const child = await BotProcess.start(name, entry, env, logPath, nodeArgs);
  running.add(child);
  progress(`${name} healthy after ${Math.round(child.coldStartMs)} ms`);
  await sleep(1_000);
  const sampler = new MemorySampler(child);
  return { child, sampler, idleRssMb: sampler.sample().rssMb };
}

async function finish(child: BotProcess, sampler: MemorySampler): Promise<number> {
  const peak = sampler.sample().peakMb;
  sampler.stop();
  const code = await child.stop();
  running.delete(child);
  if (code !== 0) progress(`${child.name} exited with code ${code} (log: ${child.logPath})`);
  return peak;
}

async function turns(context: Context, child: BotProcess, text: string): Promise<MeasuredTurns> {
  const load = { botUrl: child.url, channel: context.channel, users: context.people.turns, text, connector: context.connector };
  await driveTurns({ ...load, durationS: context.options.warmUpSeconds });
  const pids = [process.pid, child.child.pid ?? 0];
  const before = cpuSnapshot(pids);
  const botCpuBefore = processCpuMs(child.child.pid ?? 0);
  const run = await driveTurns({ ...load, durationS: context.options.turnSeconds });
  const cpuMsPerTurn = (processCpuMs(child.child.pid ?? 0) - botCpuBefore) / Math.max(1, run.ok);
  return { ...run, cpu: cpuShareBetween(before, cpuSnapshot(pids)), cpuMsPerTurn };
}

async function runEcho(context: Context): Promise<{ figures: ProcessFigures; turns: MeasuredTurns }> {
  const { child, sampler, idleRssMb } = await launch('echo bot', ECHO_ENTRY, {}, path.join(context.dir, 'echo.log'));
  progress(`echo bot: "hello" × ${context.options.users} users for ${context.options.turnSeconds} s`);
  const run = await turns(context, child, 'hello');
  progress(`echo bot: ${Math.round(run.turnsPerSecond)} turns/s, p99 ${Math.round(run.latencyMs.p99)} ms`);
  const peakRssMb = await finish(child, sampler);
  return { figures: { coldStartsMs: [child.coldStartMs], idleRssMb, peakRssMb }, turns: run };
}

/** The self-service bot of the turn, Confirm and reset phases; with --profile under `node --cpu-prof`. */
function launchSelfServiceBot(context: Context, env: Record<string, string>): ReturnType<typeof launch> {
  const { options, dir } = context;
  const profileArgs = options.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(dir, 'profile')}`] : [];
  return launch('bot', BOT_ENTRY, env, path.join(dir, 'bot.log'), [...botNodeArgs(options), ...profileArgs]);
}

type BotRun = Pick<BenchResults['bot'], 'turns' | 'peaksMb'> & { figures: ProcessFigures; invoke: BenchResults['invoke']; resets: BenchResults['resets'] };

async function runBot(context: Context): Promise<BotRun> {
  const { options } = context;
  const env = botEnv(context, 'bot');
  const { child, sampler, idleRssMb } = await launchSelfServiceBot(context, env);
  const store = new StoreReader(env.STORE?.replace(/^sqlite:/, '') ?? '');
  try {
    progress(`bot: "reset my PIN" × ${options.users} users for ${options.turnSeconds} s`);
    const run = await turns(context, child, 'reset my PIN');
    const afterTurns = sampler.sample().peakMb;
    progress(`bot: ${Math.round(run.turnsPerSecond)} turns/s, p99 ${Math.round(run.latencyMs.p99)} ms; Confirm while Graph takes ${options.slowGraphMs} ms`);
    const shared = { botUrl: child.url, channel: context.channel, connector: context.connector, tenant: context.bench.tenant, store };
    const invoke = await confirmWhileGraphIsSlow({ ...shared, users: context.people.invokes, baseLatencyMs: options.graphLatencyMs, slowGraphMs: options.slowGraphMs });
    const afterInvoke = sampler.sample().peakMb;
    progress(`bot: Confirm p99 ${Math.round(invoke.latencyMs.p99)} ms; ${options.resetRounds} rounds of complete self-service resets`);
    const resets = await completeResets({ ...shared, users: context.people.resets, rounds: options.resetRounds });
    progress(`bot: ${resets.succeeded}/${resets.total} resets succeeded, at most ${resets.all.max} Graph requests each`);
    const peakRssMb = await finish(child, sampler);
    const peaksMb = { afterTurns, afterInvoke, afterResets: peakRssMb };
    return { figures: { coldStartsMs: [child.coldStartMs], idleRssMb, peakRssMb }, turns: run, peaksMb, invoke, resets };
  } finally {
    store.close();
  }
}

/** `--turns-only`: the bot's message turns beside the echo bot's, printed; nothing else runs. */
async function compareTurnsOnly(context: Context, echo: { figures: ProcessFigures; turns: MeasuredTurns }): Promise<void> {
  const { options, dir } = context;
  const { child, sampler, idleRssMb } = await launchSelfServiceBot(context, botEnv(context, 'bot'));
  const hello = options.breakdown ? await turns(context, child, 'hello') : undefined;
  const run = await turns(context, child, 'reset my PIN');
  const peakRssMb = await finish(child, sampler);
  const line = (name: string, t: MeasuredTurns, figures: { idleRssMb: number; peakRssMb: number }): string =>
    `${name}: ${Math.round(t.turnsPerSecond)} turns/s, p50/p95/p99 ${Math.round(t.latencyMs.p50)}/${Math.round(t.latencyMs.p95)}/${Math.round(t.latencyMs.p99)} ms, ` +
    `failed ${t.failed}, posted ${t.posted}/${t.ok}, new connector connections ${t.connectorConnections}, CPU ${t.cpuMsPerTurn.toFixed(2)} ms/turn, machine busy ${t.cpu.machineBusyPercent}%, RSS idle ${Math.round(figures.idleRssMb)} / peak ${Math.round(figures.peakRssMb)} MB`;
  const graph = options.graphLatencyMs === 0 ? 'instant (no added latency)' : `+${options.graphLatencyMs} ms per call`;
  console.log(`Message turns, ${options.users} users, ${options.turnSeconds} s each after a ${options.warmUpSeconds} s warm-up; Graph ${graph}`);
  console.log(line('echo', echo.turns, echo.figures));
  if (hello) console.log(line('bot "hello" (help card, no Graph, no store)', hello, { idleRssMb, peakRssMb }));
  console.log(line('bot ', run, { idleRssMb, peakRssMb }));
  console.log(
    `ratio ${(run.turnsPerSecond / echo.turns.turnsPerSecond).toFixed(2)}× turns/s (target ≥ 0.6), p99 ${(run.latencyMs.p99 / echo.turns.latencyMs.p99).toFixed(2)}× (target ≤ 2), ` +
      `CPU ${(run.cpuMsPerTurn / echo.turns.cpuMsPerTurn).toFixed(2)}× per turn, RSS ${(peakRssMb / echo.figures.peakRssMb).toFixed(2)}× (target ≤ 1.3)`,
  );
  const profile = options.profile ? summariseProfileIn(path.join(dir, 'profile')) : undefined;
  if (profile) printProfile(profile);
}

async function runBurst(context: Context): Promise<{ run: BurstRun; process: ProcessFigures }> {
  const { options, dir } = context;
  const env = botEnv(context, 'approval', { APPROVAL_POLICY: 'all', HELPDESK_GROUP_ID: DEMO_HELPDESK_GROUP_ID });
  const { child, sampler, idleRssMb } = await launch('approval bot', BOT_ENTRY, env, path.join(dir, 'approval-bot.log'), botNodeArgs(options));
  const store = new StoreReader(env.STORE?.replace(/^sqlite:/, '') ?? '');
  // Now and then one 429, and once four in a row: more than the connector client's own three retries.
  const stormAt = Math.max(30, Math.floor(options.burst * 0.4));
  const throttle = (attempt: number): number | undefined => (attempt % 50 === 25 || (attempt >= stormAt && attempt < stormAt + 4) ? 1 : undefined);
  try {
    progress(`approval bot: ${options.burst} requests needing approval, ${options.users} users at a time`);
    const run = await approvalBurst({
      botUrl: child.url,
      channel: context.channel,
      connector: context.connector,
      store,
      helpdeskAgent: { id: DEMO_USER_IDS.helpdeskAgent, name: 'Alex Rivera' },
      users: context.people.burst,
      concurrency: options.users,
      drainTimeoutMs: 120_000 + options.burst * 600,
      throttle,
      progress,
    });
    progress(`approval bot: ${run.delivered}/${run.confirmed} cards in ${Math.round(run.drainS)} s`);
    const peakRssMb = await finish(child, sampler);
    return { run, process: { coldStartsMs: [child.coldStartMs], idleRssMb, peakRssMb } };
  } finally {
    store.close();
  }
}

function printProfile(profile: NonNullable<BenchResults['profile']>): void {
  console.log(`CPU profile of the bot (${profile.file}): ${Math.round(profile.totalMs / 1000)} s, ${profile.idlePercent}% idle. Self time of the busy part:`);
  for (const item of profile.topPackages) console.log(`  ${String(item.percent).padStart(5)}%  ${item.name}`);
  console.log('Functions (self):');
  for (const item of profile.topFunctions) console.log(`  ${String(item.percent).padStart(5)}%  ${item.name}`);
  console.log("The bot's own functions (inclusive):");
  for (const item of profile.topOwnInclusive) console.log(`  ${String(item.percent).padStart(5)}%  ${item.name}`);
  console.log('');
}

process.once('SIGINT', () => {
  for (const child of running) child.child.kill('SIGTERM');
  process.exit(130);
});

main().catch((error: unknown) => {
  console.error(error);
  for (const child of running) child.child.kill('SIGTERM');
  process.exit(1);
});
