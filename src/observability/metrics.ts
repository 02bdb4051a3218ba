import { metrics as otelMetrics, type Counter as OtelCounter, type Histogram as OtelHistogram } from '@opentelemetry/api';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Counters and latencies the operators watch: requests by platform and outcome, Graph calls and
 * throttles, outbox depth, approval latency. Kept per instance in a prom-client registry (GET
 * /metrics on METRICS_PORT, Prometheus text) and recorded on the OpenTelemetry meter too, which
 * Azure Monitor exports when APPLICATIONINSIGHTS_CONNECTION_STRING is set (a no-op otherwise).
 */
export type Labels = Readonly<Record<string, string>>;

/** Every series and its labels, declared once: Prometheus needs the label names up front. */
const COUNTERS = {
  pinbot_requests_total: { help: 'Requests reaching a state, by platform (failure reason when failed)', labels: ['platform', 'state', 'reason'] },
  pinbot_graph_calls_total: { help: 'Graph calls by method, route template and outcome (status or failure reason)', labels: ['method', 'route', 'outcome'] },
  pinbot_graph_throttled_total: { help: 'Graph calls answered 429 after retries', labels: ['method', 'route'] },
  pinbot_token_refused_total: { help: 'Incoming requests refused for their token, by reason', labels: ['reason'] },
} as const;
const HISTOGRAMS = {
  pinbot_approval_latency_seconds: { help: 'From asking for approval to the decision', labels: ['decision'], buckets: [10, 60, 300, 900, 3600, 4 * 3600, 24 * 3600] },
} as const;

export type CounterName = keyof typeof COUNTERS;
export type HistogramName = keyof typeof HISTOGRAMS;

export interface Metrics {
  count(name: CounterName, labels?: Labels, by?: number): void;
  observe(name: HistogramName, value: number, labels?: Labels): void;
}

export interface OutboxDepth {
  pending: number;
  delivered: number;
  failed: number;
}

export class PrometheusMetrics implements Metrics {
  readonly registry = new Registry();
  private readonly counters = new Map<CounterName, { prom: Counter; otel: OtelCounter }>();
  private readonly histograms = new Map<HistogramName, { prom: Histogram; otel: OtelHistogram }>();

  constructor() {
    // The process figures every Prometheus user expects (CPU, memory, heap, event-loop lag, handles).
    collectDefaultMetrics({ register: this.registry });
    // Read when constructed: the OpenTelemetry meter provider (if any) is registered before this.
    const meter = otelMetrics.getMeter('pin-reset-bot');
    for (const [name, spec] of Object.entries(COUNTERS) as [CounterName, (typeof COUNTERS)[CounterName]][]) {
      const prom = new Counter({ name, help: spec.help, labelNames: [...spec.labels], registers: [this.registry] });
      this.counters.set(name, { prom, otel: meter.createCounter(name, { description: spec.help }) });
    }
    for (const [name, spec] of Object.entries(HISTOGRAMS) as [HistogramName, (typeof HISTOGRAMS)[HistogramName]][]) {
      const prom = new Histogram({ name, help: spec.help, labelNames: [...spec.labels], buckets: [...spec.buckets], registers: [this.registry] });
      this.histograms.set(name, { prom, otel: meter.createHistogram(name, { description: spec.help, unit: 's' }) });
    }
  }

  /** The outbox depth, read from the store at each scrape (shared by all instances, not counted by this one). */
  measureOutbox(outboxDepth: () => Promise<OutboxDepth>): void {
    new Gauge({
      name: 'pinbot_outbox_messages',
      help: 'Outbox messages by state (shared by all instances)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        const depth = await outboxDepth();
        for (const state of ['pending', 'delivered', 'failed'] as const) this.set({ state }, depth[state]);
      },
    });
  }

  count(name: CounterName, labels: Labels = {}, by = 1): void {
    const series = this.counters.get(name);
    series?.prom.inc(labels, by);
    series?.otel.add(by, labels);
  }

  observe(name: HistogramName, value: number, labels: Labels = {}): void {
    const series = this.histograms.get(name);
    series?.prom.observe(labels, value);
    series?.otel.record(value, labels);
  }

  /** The Prometheus text exposition format (version 0.0.4). */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

export const noMetrics: Metrics = { count: () => undefined, observe: () => undefined };
