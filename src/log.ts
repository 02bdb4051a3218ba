import { AsyncLocalStorage } from 'node:async_hooks';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import pino from 'pino';
import { serializeError } from './log-error';
import { forwardLogToOpenTelemetry } from './observability/log-forwarding';

/**
 * Structured JSON logs through pino, one line per event: `{time, level, event, correlationId?, …}`.
 * Secrets are removed twice: pino's `redact` paths for the keys we know, and a key pattern at any
 * depth for the ones we do not. Control characters are stripped from every string, so a
 * user-chosen device name cannot forge log lines or drive a terminal. Errors keep their stack,
 * their own fields (Graph status, reason) and their `cause` chain.
 *
 * The rest of the code sees only the small `Logger` port below.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

/** Receives every written entry too: by default the OpenTelemetry logs API (a no-op unless Azure Monitor is on). */
export type LogForwarder = (level: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields) => void;

const SECRET_KEYS = [
  'passcode', 'password', 'secret', 'clientSecret', 'appPassword', 'MicrosoftAppPassword', 'token', 'accessToken', 'refreshToken',
  'idToken', 'authorization', 'Authorization', 'cookie', 'key', 'privateKey', 'recoveryKey', 'assertion', 'connectionString',
];
/**
 * Explicit paths only: with wildcards at every depth (`*.*.token`) pino's redaction costs about
 * ten times more per line (bench/log-redaction.ts); nested secrets are caught by SECRET_KEY in
 * sanitize(), at any depth.
 */
export const REDACT_PATHS = SECRET_KEYS.flatMap((key) => [key, `error.${key}`, `error.cause.${key}`]);
const SECRET_KEY = /pass(code|word)|secret|token|authorization|cookie|^key$|privatekey|recoverykey|assertion|connectionstring/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const REDACTED = '[redacted]';
/** Deep enough for an error, its stack and three causes; a bound keeps a cyclic object from looping. */
const MAX_DEPTH = 8;

/** The fields every line written inside `withLogContext` carries (the turn's correlation id). */
const context = new AsyncLocalStorage<LogFields>();

/** Runs `work` so that every log line written during it, however deep, carries `fields`. */
export function withLogContext<T>(fields: LogFields, work: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, work);
}

export function currentLogContext(): LogFields {
  return context.getStore() ?? {};
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  base: LogFields = {},
  forward: LogForwarder | undefined = forwardLogToOpenTelemetry,
): Logger {
  const destination = { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) };
  const root = pino(
    {
      level,
      base: undefined,
      messageKey: 'event',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      mixin: () => ({ ...sanitize(currentLogContext()), ...traceIds() }),
    },
    destination,
  );
  return wrap(root, base, forward);
}

/** The active span's ids (only while OpenTelemetry records), so a log line leads to its trace in Application Insights. */
function traceIds(): LogFields {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {};
}

function wrap(logger: pino.Logger, base: LogFields, forward: LogForwarder | undefined): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}): void => {
    if (!logger.isLevelEnabled(at)) return;
    const clean = sanitize({ ...base, ...fields });
    logger[at](clean, event);
    forward?.(at, event, { ...sanitize(currentLogContext()), ...clean });
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => wrap(logger, { ...base, ...fields }, forward),
  };
}

export function sanitize(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_KEY.test(key) ? REDACTED : sanitizeValue(value, depth);
  return out;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, ' ').slice(0, 2000);
  if (depth > MAX_DEPTH && value !== null && typeof value === 'object') return '[…]';
  if (value instanceof Error) return sanitize(serializeError(value), depth + 1);
  if (Array.isArray(value)) return value.map((v) => sanitizeValue(v, depth + 1));
  if (value !== null && typeof value === 'object') return sanitize(value as LogFields, depth + 1);
  return value;
}

export const silentLogger: Logger = createLogger('silent');
