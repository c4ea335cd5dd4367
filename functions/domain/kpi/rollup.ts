import { clickThroughRate } from './click-through';
import type { Dimension, Metric } from './metrics';
import type { KpiGrouping } from './query';

/** A counter as read back from the aggregates table. */
export interface StoredCounter {
  day: string;
  metric: Metric;
  dims: Partial<Record<Dimension, string>>;
  value: number;
}

export interface KpiRow {
  /** The grouping values of this row; a dimension the counter does not have is null. */
  group: Partial<Record<KpiGrouping, string | null>>;
  metrics: Partial<Record<Metric, number>>;
  /** Surveys per score 0–10 within the row. */
  scoreDistribution?: Record<string, number>;
  /** clicks / questions, when the row has questions. */
  clickThroughRate?: number;
}

/** Sums stored counters into one row per distinct value of the requested groupings. */
export function rollUp(counters: readonly StoredCounter[], groupBy: readonly KpiGrouping[]): KpiRow[] {
  const rows = new Map<string, KpiRow>();
  for (const c of counters) {
    const group = Object.fromEntries(groupBy.map((g) => [g, g === 'day' ? c.day : (c.dims[g] ?? null)]));
    const key = JSON.stringify(groupBy.map((g) => group[g]));
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { group, metrics: {} }));
    row.metrics[c.metric] = (row.metrics[c.metric] ?? 0) + c.value;
    if (c.metric === 'surveys' && c.dims.score !== undefined) {
      row.scoreDistribution ??= {};
      row.scoreDistribution[c.dims.score] = (row.scoreDistribution[c.dims.score] ?? 0) + c.value;
    }
  }
  const sorted = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  for (const row of sorted) {
    const ctr = clickThroughRate(row.metrics.clicks ?? 0, row.metrics.questions ?? 0);
    if (ctr !== undefined) row.clickThroughRate = ctr;
  }
  return sorted;
}
