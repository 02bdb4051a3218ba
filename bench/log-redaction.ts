// `npx tsx bench/log-redaction.ts`: why src/log.ts gives pino explicit redact paths only.
// Times 20,000 log lines through pino with no redaction, with the explicit paths the bot uses,
// and with the same keys under wildcards at every depth (`*.key`, `*.*.key`, `*.*.*.key`).
import pino from 'pino';
import { REDACT_PATHS, sanitize } from '../src/log';

const LINES = 20_000;
const KEYS = [...new Set(REDACT_PATHS.map((path) => path.split('.').pop() ?? path))];
const WILDCARDS = KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*.*.*.${key}`]);

function microsecondsPerLine(paths: string[] | undefined): number {
  const logger = pino({ base: undefined, ...(paths ? { redact: { paths, censor: '[redacted]' } } : {}) }, { write: () => undefined });
  const fields = { requestId: 'r-1', device: { platform: 'ios', name: 'iPhone' }, ms: 12 };
  for (let i = 0; i < 1000; i++) logger.info(sanitize(fields), 'warm-up');
  const started = process.hrtime.bigint();
  for (let i = 0; i < LINES; i++) logger.info(sanitize(fields), 'http request');
  return Number(process.hrtime.bigint() - started) / LINES / 1000;
}

for (const [name, paths] of [['no redact paths', undefined], [`explicit paths (${REDACT_PATHS.length})`, REDACT_PATHS], [`wildcards at every depth (${WILDCARDS.length})`, WILDCARDS]] as const) {
  console.log(`${name.padEnd(36)} ${microsecondsPerLine(paths ? [...paths] : undefined).toFixed(1)} µs/line`);
}
