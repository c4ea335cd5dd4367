import type { DataClass } from '../../domain/data-class';
import type { HoldCoverage } from '../../domain/holds/coverage';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import type { SweepFailure, SweepTallies, TallyColumn } from '../../domain/sweep/summary';
import type { PolicyRevision } from '../../ports/tenant-directory';
import type { RetentionDeps } from './sweep-deps';

/** Everything the sweep of one tenant × class × region works with. */
export interface UnitRun {
  deps: RetentionDeps;
  tenantId: string;
  /** The tenant's current policy. */
  policy: PolicyRevision;
  region: string;
  dataClass: DataClass;
  now: Date;
  /** Where a first sweep starts: the day the tenant was created. */
  firstDay: string;
  dryRun: boolean;
  /** Offboarding: every record goes, whatever its expiry, read from every bucket that can hold one of the tenant's records. */
  offboarding?: { buckets: readonly string[] };
  coverage: HoldCoverage;
  pageSize: number;
  /** Checked between pages: true ends the run, checkpoint saved, to go on next time. */
  shouldStop: () => boolean;
  /** Called after each handled record. */
  onRecord?: () => void;
  out: { tallies: SweepTallies; failures: SweepFailure[]; policyChanges: PolicyChangeImpact[] };
}

export function countIn(run: UnitRun, column: TallyColumn, by = 1): void {
  run.out.tallies.count(run.tenantId, run.dataClass, run.region, column, by);
}

/** A record (or a whole page) the run could not finish: counted, reported with ids only, and logged. */
export function recordFailure(run: UnitRun, error: unknown, key?: { pk: string; sk: string }): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  countIn(run, 'failed');
  run.out.failures.push({
    tenantId: run.tenantId,
    region: run.region,
    dataClass: run.dataClass,
    ...(key ? { pk: key.pk, sk: key.sk } : {}),
    reason,
  });
  run.deps.logger.warn('sweep could not finish a record', {
    tenantId: run.tenantId,
    region: run.region,
    dataClass: run.dataClass,
    pk: key?.pk,
    sk: key?.sk,
    reason,
  });
}
