import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';
import { logs, SeverityNumber } from '@opentelemetry/api-logs';
import type { LogFields, LogForwarder } from '../log';

/**
 * OpenTelemetry for the bot: our own spans (turn, Graph call by route template, store operation,
 * outbox delivery), our metrics and our log lines, exported to Application Insights by
 * @azure/monitor-opentelemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set. Without it the
 * OpenTelemetry API is a no-op and nothing is loaded or sent.
 *
 * Automatic instrumentations are all off: the HTTP one would record every Graph URL with its
 * user and device ids, the Azure SDK one every Table Storage key. Only the spans below exist.
 */
export interface Telemetry {
  stop(): Promise<void>;
}

export function startAzureMonitor(connectionString: string): Telemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString },
    instrumentationOptions: {
      http: { enabled: false },
      azureSdk: { enabled: false },
      mongoDb: { enabled: false },
      mySql: { enabled: false },
      postgreSql: { enabled: false },
      redis: { enabled: false },
      redis4: { enabled: false },
      bunyan: { enabled: false },
      winston: { enabled: false },
    },
    // Live Metrics opens its own connection to a Microsoft endpoint; the portal's metrics come from the export.
    enableLiveMetrics: false,
  });
  return { stop: () => shutdownAzureMonitor() };
}

const tracer = trace.getTracer('pin-reset-bot');

/** Runs `work` in a span named `name`; a thrown error marks the span failed and is rethrown. */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error: unknown) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

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
