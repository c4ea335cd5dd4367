import type { KpiReport } from '../kpi/report';
import { rollUp, type StoredCounter } from '../kpi/rollup';
import type { KpiGrouping } from '../kpi/query';
import type { Dimension, Metric } from '../kpi/metrics';

/**
 * A KPI report narrowed to one agent group (a manager sees the reports of their own group only).
 * `report` must be grouped by `group` (and by whatever `groupBy` asks for): its rows of that
 * group are turned back into counters and summed again by `groupBy`. Counters without a group
 * (chatbot events) belong to no manager's group and are left out.
 */
export function reportOfGroup(report: KpiReport, group: string, groupBy: readonly KpiGrouping[]): KpiReport {
  const counters: StoredCounter[] = [];
  for (const row of report.rows) {
    if (row.group.group !== group) continue;
    const dims = Object.fromEntries(Object.entries(row.group).filter(([k, v]) => k !== 'day' && v !== null)) as Partial<
      Record<Dimension, string>
    >;
    const day = row.group.day ?? '';
    for (const [metric, value] of Object.entries(row.metrics) as [Metric, number][]) {
      if (metric === 'surveys' && row.scoreDistribution && dims.score === undefined) {
        for (const [score, n] of Object.entries(row.scoreDistribution))
          counters.push({ day, metric, dims: { ...dims, score }, value: n });
      } else counters.push({ day, metric, dims, value });
    }
  }
  return { ...report, groupBy: [...groupBy], rows: rollUp(counters, groupBy) };
}
