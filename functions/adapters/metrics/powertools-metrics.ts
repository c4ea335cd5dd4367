import { Metrics as PowertoolsMetrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE, type BusinessMetric, type MetricDimensions, type Metrics } from '../../ports/metrics';

/**
 * Business metrics in AWS: CloudWatch embedded metric format, written to the function's log by
 * Powertools, one line per count so nothing waits for a flush. `service` is the deployment's app name.
 */
export class PowertoolsBusinessMetrics implements Metrics {
  private readonly metrics: PowertoolsMetrics;

  constructor(serviceName: string) {
    this.metrics = new PowertoolsMetrics({ namespace: METRICS_NAMESPACE, serviceName });
  }

  count(metric: BusinessMetric, value: number, dimensions: MetricDimensions = {}): void {
    const single = this.metrics.singleMetric();
    for (const [name, dimension] of Object.entries(dimensions))
      if (dimension !== undefined) single.addDimension(name, dimension);
    single.addMetric(metric, MetricUnit.Count, value);
  }
}
