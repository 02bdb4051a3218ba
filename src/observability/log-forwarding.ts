import type { Attributes } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogFields, LogForwarder } from '../log';

const SEVERITY = { debug: SeverityNumber.DEBUG, info: SeverityNumber.INFO, warn: SeverityNumber.WARN, error: SeverityNumber.ERROR } as const;

/**
 * Hands every log line (already sanitized and redacted) to the OpenTelemetry logs API, which the
 * Azure Monitor distro exports as traces in Application Insights; a no-op without it.
 */
export const forwardLogToOpenTelemetry: LogForwarder = (level, event, fields) => {
  logs.getLogger('pin-reset-bot').emit({ severityNumber: SEVERITY[level], severityText: level, body: event, attributes: flatten(fields) });
};

function flatten(fields: LogFields): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = value;
    else if (value !== undefined && value !== null) out[key] = JSON.stringify(value);
  }
  return out;
}
