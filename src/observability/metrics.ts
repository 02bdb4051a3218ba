/**
 * Counters and latencies the operators watch: requests by platform and outcome, Graph calls and
 * throttles, outbox depth, approval latency. In memory (per instance), read by GET /metrics and,
 * when configured, exported to Application Insights.
 */
export type Labels = Readonly<Record<string, string>>;

export interface Metrics {
  count(name: string, labels?: Labels, by?: number): void;
  observe(name: string, value: number, labels?: Labels): void;
}

export interface CounterSample {
  name: string;
  labels: Labels;
  value: number;
}

export interface SummarySample {
  name: string;
  labels: Labels;
  count: number;
  sum: number;
  max: number;
}

export interface MetricsSnapshot {
  counters: CounterSample[];
  summaries: SummarySample[];
}

const MAX_SERIES = 500;

export class InMemoryMetrics implements Metrics {
  private readonly counters = new Map<string, CounterSample>();
  private readonly summaries = new Map<string, SummarySample>();

  count(name: string, labels: Labels = {}, by = 1): void {
    const key = seriesKey(name, labels);
    const sample = this.counters.get(key) ?? this.admit(this.counters, key, { name, labels, value: 0 });
    if (sample) sample.value += by;
  }

  observe(name: string, value: number, labels: Labels = {}): void {
    const key = seriesKey(name, labels);
    const sample = this.summaries.get(key) ?? this.admit(this.summaries, key, { name, labels, count: 0, sum: 0, max: 0 });
    if (!sample) return;
    sample.count += 1;
    sample.sum += value;
    sample.max = Math.max(sample.max, value);
  }

  snapshot(): MetricsSnapshot {
    return {
      counters: [...this.counters.values()].map((c) => ({ ...c })),
      summaries: [...this.summaries.values()].map((s) => ({ ...s })),
    };
  }

  /** Label values come from our own code, but a bound keeps a bug from growing memory without end. */
  private admit<T>(map: Map<string, T>, key: string, sample: T): T | undefined {
    if (map.size >= MAX_SERIES) return undefined;
    map.set(key, sample);
    return sample;
  }
}

function seriesKey(name: string, labels: Labels): string {
  return `${name}{${Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(',')}}`;
}

export const noMetrics: Metrics = { count: () => undefined, observe: () => undefined };
