import type { Logger } from '../log';
import type { InMemoryMetrics, Labels, MetricsSnapshot } from './metrics';

/**
 * Sends the metrics to Application Insights when APPLICATIONINSIGHTS_CONNECTION_STRING is set
 * (nothing is loaded or sent otherwise): every interval, counters as deltas since the last send
 * and latencies as aggregates, as MetricData envelopes to the ingestion endpoint's /v2.1/track.
 * Written against the documented ingestion format so no SDK (and its Node 22 requirement) is needed.
 */
export interface AppInsightsTarget {
  instrumentationKey: string;
  ingestionEndpoint: string;
}

const DEFAULT_INGESTION = 'https://dc.services.visualstudio.com/';

export function parseConnectionString(value: string): AppInsightsTarget | undefined {
  const parts = new Map(
    value.split(';').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim()] as const;
    }),
  );
  const instrumentationKey = parts.get('instrumentationkey');
  if (!instrumentationKey) return undefined;
  const endpoint = parts.get('ingestionendpoint') || DEFAULT_INGESTION;
  return { instrumentationKey, ingestionEndpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/` };
}

export class AppInsightsExporter {
  private timer?: NodeJS.Timeout;
  private sent = new Map<string, number>();

  constructor(
    private readonly target: AppInsightsTarget,
    private readonly metrics: Pick<InMemoryMetrics, 'snapshot'>,
    private readonly log: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.flush(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  async flush(): Promise<void> {
    const envelopes = this.envelopes(this.metrics.snapshot(), new Date().toISOString());
    if (envelopes.length === 0) return;
    try {
      const response = await fetch(new URL('v2.1/track', this.target.ingestionEndpoint), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelopes),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) this.log.warn('application insights refused metrics', { status: response.status });
    } catch (error) {
      // Telemetry must never hurt the bot: note it and try again next interval.
      this.log.warn('application insights unreachable', { error });
    }
  }

  private envelopes(snapshot: MetricsSnapshot, time: string): object[] {
    const out: object[] = [];
    for (const counter of snapshot.counters) {
      const key = `${counter.name}${JSON.stringify(counter.labels)}`;
      const delta = counter.value - (this.sent.get(key) ?? 0);
      this.sent.set(key, counter.value);
      if (delta > 0) out.push(this.envelope(time, counter.name, counter.labels, { value: delta, count: 1 }));
    }
    for (const summary of snapshot.summaries) {
      out.push(this.envelope(time, summary.name, summary.labels, { value: summary.sum, count: summary.count, max: summary.max }));
    }
    return out;
  }

  private envelope(time: string, name: string, labels: Labels, point: { value: number; count: number; max?: number }): object {
    const iKey = this.target.instrumentationKey;
    return {
      name: `Microsoft.ApplicationInsights.${iKey.replace(/-/g, '')}.Metric`,
      time,
      iKey,
      tags: { 'ai.cloud.role': 'pin-reset-bot' },
      data: { baseType: 'MetricData', baseData: { ver: 2, metrics: [{ name, kind: 0, ...point }], properties: labels } },
    };
  }
}
