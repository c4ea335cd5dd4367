import type { DataClass } from '../data-class';
import type { SweepReport, Tally } from './summary';

/**
 * What one sweep run did to one tenant, kept for the tenant's sweep history (`GET /v1/sweep-history`):
 * counts per class × region and the failures, ids and error names only, never content.
 */
export interface SweepHistoryEntry {
  /** The instant the sweep treated as now: the night it swept. */
  sweptAt: string;
  /** When the run ended, by the clock. */
  recordedAt: string;
  /** The run reached every unit of this tenant without a failure. */
  complete: boolean;
  rows: Array<{ dataClass: DataClass; region: string; tally: Tally }>;
  failures: Array<{ dataClass: DataClass; region: string; reason: string }>;
}

export const SWEEP_HISTORY_PREFIX = 'SWEEPLOG#';

/** Sorted by the swept instant (ISO sorts as time), then the run's own id: read newest first. */
export const sweepHistorySortKey = (sweptAt: string, runId: string): string =>
  `${SWEEP_HISTORY_PREFIX}${sweptAt}#${runId}`;

/** One tenant's part of a sweep report; `reached` says whether the run got through all of its units. */
export function historyEntryOf(
  report: Pick<SweepReport, 'now' | 'rows' | 'failures'>,
  tenantId: string,
  reached: boolean,
  recordedAt: Date,
): SweepHistoryEntry {
  const failures = report.failures
    .filter((f) => f.tenantId === tenantId)
    .map(({ dataClass, region, reason }) => ({ dataClass, region, reason }));
  return {
    sweptAt: report.now,
    recordedAt: recordedAt.toISOString(),
    complete: reached && failures.length === 0,
    rows: report.rows
      .filter((r) => r.tenantId === tenantId)
      .map(({ dataClass, region, tally }) => ({ dataClass, region, tally })),
    failures,
  };
}
