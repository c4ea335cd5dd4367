import type { BusinessMetric, MetricDimensions, Metrics } from '../../ports/metrics';

/** Business metrics kept in memory: the local runtime (no CloudWatch) and tests, which read them back. */
export class InMemoryMetrics implements Metrics {
  private readonly counts: Array<{ metric: BusinessMetric; value: number; dimensions: MetricDimensions }> = [];

  count(metric: BusinessMetric, value: number, dimensions: MetricDimensions = {}): void {
    this.counts.push({ metric, value, dimensions });
  }

  /** The sum of `metric` over every count whose dimensions include `dimensions`. */
  total(metric: BusinessMetric, dimensions: MetricDimensions = {}): number {
    const matches = (d: MetricDimensions) =>
      Object.entries(dimensions).every(([k, v]) => d[k as keyof MetricDimensions] === v);
    return this.counts.filter((c) => c.metric === metric && matches(c.dimensions)).reduce((sum, c) => sum + c.value, 0);
  }

  /** The last value counted for `metric` (for gauges such as SubjectRequestsOverdue). */
  last(metric: BusinessMetric): number | undefined {
    return this.counts.filter((c) => c.metric === metric).at(-1)?.value;
  }
}
