/**
 * Structured JSON logs, one line per event. Values under secret-looking keys are replaced and
 * control characters are stripped from every string, so a user-chosen device name cannot forge
 * log lines and a passcode or token cannot reach the log by accident.
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

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const SECRET_KEY = /pass(code|word)|secret|token|authorization|cookie|^key$|privatekey|assertion/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`), base: LogFields = {}): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}): void => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...sanitize({ ...base, ...fields }) }));
  };
  return {
    debug: (e, f) => emit('debug', e, f),
    info: (e, f) => emit('info', e, f),
    warn: (e, f) => emit('warn', e, f),
    error: (e, f) => emit('error', e, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

export function sanitize(fields: LogFields, depth = 0): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : sanitizeValue(value, depth);
  return out;
}

function sanitizeValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.replace(CONTROL, ' ').slice(0, 2000);
  if (value instanceof Error) return { name: value.name, message: sanitizeValue(value.message, depth) };
  if (Array.isArray(value)) return depth > 4 ? '[…]' : value.map((v) => sanitizeValue(v, depth + 1));
  if (value !== null && typeof value === 'object') return depth > 4 ? '[…]' : sanitize(value as LogFields, depth + 1);
  return value;
}

export const silentLogger: Logger = createLogger('silent');
