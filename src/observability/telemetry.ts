import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

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

export async function startAzureMonitor(connectionString: string): Promise<Telemetry> {
  // Loaded only when asked for: the distro and its SDK take about 2 s to load, which a bot without
  // Application Insights (tests, the demo, the start-up health check) should not pay.
  const { useAzureMonitor, shutdownAzureMonitor } = await import('@azure/monitor-opentelemetry');
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
    // A few spans per reset: keep them all (the distro's default keeps 5 traces a second, none at first).
    samplingRatio: 1,
    tracesPerSecond: 0,
    // Live Metrics opens its own connection to a Microsoft endpoint; the portal's metrics come from the export.
    enableLiveMetrics: false,
  });
  return { stop: () => shutdownAzureMonitor() };
}

/** Runs `work` in a span named `name`; a thrown error marks the span failed and is rethrown. */
export async function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  // Asked each time, not kept: useAzureMonitor replaces the API's proxy provider when it starts.
  return trace.getTracer('pin-reset-bot').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error: unknown) {
      // The error's type only: messages may hold Graph paths with ids. The log line has the rest.
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
