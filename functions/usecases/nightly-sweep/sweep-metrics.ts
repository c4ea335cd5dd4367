import type { DataClass } from '../../domain/data-class';
import type { SweepRun } from './run-sweep';
import type { BusinessMetric, Metrics } from '../../ports/metrics';

/** The tally columns that are business metrics, and their names. */
const COUNTED = {
  deleted: 'RecordsDeleted',
  anonymised: 'RecordsAnonymised',
  archived: 'RecordsArchived',
  sealed: 'RecordsSealed',
} as const satisfies Record<string, BusinessMetric>;

/**
 * Counts what a sweep did, per data class (tenants and regions summed: metrics name no tenant),
 * and `SweepsCompleted` when a run over every tenant reached every unit, which the "sweep did not
 * finish" alarm waits for. A dry run changed nothing and counts nothing.
 */
export function countSweep(metrics: Metrics, run: SweepRun, scope: { everyTenant: boolean }): void {
  if (run.dryRun) return;
  const byClass = new Map<DataClass, Record<keyof typeof COUNTED, number>>();
  for (const row of run.rows) {
    const sums = byClass.get(row.dataClass) ?? { deleted: 0, anonymised: 0, archived: 0, sealed: 0 };
    for (const column of Object.keys(COUNTED) as (keyof typeof COUNTED)[]) sums[column] += row.tally[column];
    byClass.set(row.dataClass, sums);
  }
  for (const [dataClass, sums] of byClass)
    for (const [column, metric] of Object.entries(COUNTED) as [keyof typeof COUNTED, BusinessMetric][])
      if (sums[column] > 0) metrics.count(metric, sums[column], { dataClass });
  if (run.complete && scope.everyTenant) metrics.count('SweepsCompleted', 1);
}
