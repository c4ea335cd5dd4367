/** CloudWatch namespace of Lethe's business metrics; each carries the deployment's app name as its `service` dimension. */
export const METRICS_NAMESPACE = 'Lethe';

/**
 * The business events Lethe counts. Record counts carry the data class (`dataClass` dimension);
 * `SweepsCompleted` is a whole nightly sweep that reached every unit, `SubjectRequestsOverdue` the
 * open requests past their answer deadline when the wake-up looked (a gauge, 0 included).
 */
export const BUSINESS_METRICS = [
  'RecordsDeleted',
  'RecordsAnonymised',
  'RecordsArchived',
  'RecordsSealed',
  'SweepsCompleted',
  'SubjectRequestsOpened',
  'SubjectRequestsCompleted',
  'SubjectRequestsOverdue',
  'HoldsPlaced',
  'HoldsReleased',
] as const;
export type BusinessMetric = (typeof BUSINESS_METRICS)[number];

/** Dimensions a metric may carry besides the service: no identifier of a tenant or a person. */
export type MetricDimensions = Readonly<{ dataClass?: string }>;

export interface Metrics {
  /** Adds `value` to the metric, with its dimensions; sent at once (no flush to forget). */
  count(metric: BusinessMetric, value: number, dimensions?: MetricDimensions): void;
}
