// Command-line options of `npm run bench -- [options]`.
import { parseArgs } from 'node:util';

export interface BenchOptions {
  /** Added latency of every Graph call, ms (default 50; 0 with --instant-graph). */
  graphLatencyMs: number;
  /** Graph latency while the Confirm invoke is measured, ms (default 2000). */
  slowGraphMs: number;
  /** Concurrent users (default 50). */
  users: number;
  /** Length of each measured message-turn run, s (default 15; a warm-up precedes it). */
  turnSeconds: number;
  /** Turns driven before each measured run, unmeasured, s (default 3): JIT and heap settle first. */
  warmUpSeconds: number;
  /** Requests that need approval in the burst (default 1000). */
  burst: number;
  /** Rounds of complete self-service resets, one per user each (default 2). */
  resetRounds: number;
  /** Run the self-service bot with `node --cpu-prof` and summarise where its CPU went. */
  profile: boolean;
  /** Extra node flags for the bot's processes only (e.g. "--max-old-space-size=192"), to try a remedy. */
  botNodeFlags: string[];
  /** Only the message-turn comparison (echo, then the bot), printed, no results.json: for trying a remedy. */
  turnsOnly: boolean;
  /** With --turns-only: the bot also answers "hello" (help card: no Graph call, no store), to split a turn's cost. */
  breakdown: boolean;
  /** Where results.json goes. */
  out: string;
}

const HELP = `npm run bench -- [--quick] [--graph-latency-ms 50 | --instant-graph] [--slow-graph-ms 2000] [--users 50]
                    [--turn-seconds 15] [--warm-up-seconds 3] [--burst 1000] [--reset-rounds 2] [--profile] [--bot-node-flags="<flags>"] [--turns-only [--breakdown]]
                    [--out bench/results.json]
  --quick   shorter runs (8 s turns, a burst of 200) to try the bench out; its burst row is not the 1,000 of the target
  --turns-only   the message-turn comparison alone (about 1 minute), printed, results.json untouched
  --warm-up-seconds   unmeasured turns before each measured run (each bot alike); the bot has far more code
                      for V8 to optimise than the echo bot, so a short warm-up counts some compiling
  --breakdown    with --turns-only: the bot also answers "hello" with its help card (no Graph call, no store),
                 so the cost of the Graph read + store + offer shows apart from the bot's fixed cost per turn
  --instant-graph   Graph answers with no added latency (--graph-latency-ms 0): what a turn costs in CPU
                    when nothing waits (the Confirm phase still slows Graph to --slow-graph-ms)`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'graph-latency-ms': { type: 'string' },
      'instant-graph': { type: 'boolean', default: false },
      'slow-graph-ms': { type: 'string' },
      users: { type: 'string' },
      'turn-seconds': { type: 'string' },
      'warm-up-seconds': { type: 'string' },
      burst: { type: 'string' },
      'reset-rounds': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'turns-only': { type: 'boolean', default: false },
      breakdown: { type: 'boolean', default: false },
      'bot-node-flags': { type: 'string', default: '' },
      out: { type: 'string', default: 'bench/results.json' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(HELP);
    process.exit(0);
  }
  const quick = values.quick === true;
  const instant = values['instant-graph'] === true;
  if (instant && values['graph-latency-ms'] !== undefined && Number(values['graph-latency-ms']) !== 0) {
    throw new Error('--instant-graph means --graph-latency-ms 0: give one or the other');
  }
  return {
    graphLatencyMs: instant ? 0 : numberOf(values['graph-latency-ms'], 50, 0, 10_000),
    slowGraphMs: numberOf(values['slow-graph-ms'], 2_000, 0, 20_000),
    users: numberOf(values.users, 50, 1, 500),
    turnSeconds: numberOf(values['turn-seconds'], quick ? 8 : 15, 1, 120),
    warmUpSeconds: numberOf(values['warm-up-seconds'], 3, 0, 120),
    burst: numberOf(values.burst, quick ? 200 : 1_000, 1, 5_000),
    resetRounds: numberOf(values['reset-rounds'], 2, 1, 10),
    profile: values.profile === true,
    turnsOnly: values['turns-only'] === true,
    breakdown: values.breakdown === true,
    botNodeFlags: (values['bot-node-flags'] ?? '').split(/\s+/).filter((flag) => flag !== ''),
    out: values.out ?? 'bench/results.json',
  };
}

function numberOf(text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value < min || value > max) throw new Error(`expected a number from ${min} to ${max}, got "${text}"`);
  return value;
}
