import { DATA_CLASSES, type DataClass } from '../data-class';
import type { PolicyChangeImpact } from './policy-impact';

/** The columns of the sweep summary (issue 4): per tenant × class × region. */
export const TALLY_COLUMNS = ['due', 'deleted', 'anonymised', 'archived', 'sealed', 'held', 'failed'] as const;
export type TallyColumn = (typeof TALLY_COLUMNS)[number];
export type Tally = Record<TallyColumn, number>;

export interface SweepRow {
  tenantId: string;
  dataClass: DataClass;
  region: string;
  tally: Tally;
}

/** A record the sweep could not finish; the next run retries it. Ids only, never content. */
export interface SweepFailure {
  tenantId: string;
  region: string;
  dataClass: DataClass;
  pk?: string;
  sk?: string;
  /** The error's name and message (adapters never put personal data in them). */
  reason: string;
}

export interface SweepReport {
  /** The instant the sweep treated as now (`--now`, or the clock). */
  now: string;
  dryRun: boolean;
  rows: SweepRow[];
  policyChanges: PolicyChangeImpact[];
  failures: SweepFailure[];
  /** True when every tenant × class × region reached today's buckets; false after a stop or failures. */
  complete: boolean;
}

export const emptyTally = (): Tally => ({
  due: 0,
  deleted: 0,
  anonymised: 0,
  archived: 0,
  sealed: 0,
  held: 0,
  failed: 0,
});

const rowKey = (tenantId: string, dataClass: DataClass, region: string) => `${tenantId}|${dataClass}|${region}`;

/** Running counts of one sweep, keyed by tenant × class × region. */
export class SweepTallies {
  private readonly rows = new Map<string, SweepRow>();

  count(tenantId: string, dataClass: DataClass, region: string, column: TallyColumn, by = 1): void {
    const key = rowKey(tenantId, dataClass, region);
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { tenantId, dataClass, region, tally: emptyTally() }));
    row.tally[column] += by;
  }

  /** Rows ordered by tenant, class (in DATA_CLASSES order) and region. */
  sorted(): SweepRow[] {
    const classOrder = (c: DataClass) => DATA_CLASSES.indexOf(c);
    return [...this.rows.values()].sort(
      (a, b) =>
        a.tenantId.localeCompare(b.tenantId) ||
        classOrder(a.dataClass) - classOrder(b.dataClass) ||
        a.region.localeCompare(b.region),
    );
  }
}

/** Column sums over rows. */
export function totalOf(rows: readonly SweepRow[]): Tally {
  const total = emptyTally();
  for (const row of rows) for (const c of TALLY_COLUMNS) total[c] += row.tally[c];
  return total;
}

/** The summary as a table: one line per tenant × class × region with something due, then totals. */
export function summaryTable(report: Pick<SweepReport, 'rows'>): { head: string[]; body: (string | number)[][] } {
  const rows = report.rows.filter((r) => TALLY_COLUMNS.some((c) => r.tally[c] > 0));
  const total = totalOf(rows);
  return {
    head: ['tenant', 'class', 'region', ...TALLY_COLUMNS],
    body: [
      ...rows.map((r) => [r.tenantId, r.dataClass, r.region, ...TALLY_COLUMNS.map((c) => r.tally[c])]),
      ['total', '', '', ...TALLY_COLUMNS.map((c) => total[c])],
    ],
  };
}

/** One line per policy change: what it did to records, for the sweep output. */
export function policyChangeLines(report: Pick<SweepReport, 'policyChanges'>): string[] {
  return report.policyChanges.map(
    (p) =>
      `${p.tenantId} ${p.dataClass} ${p.region}: policy revision ${p.fromRevision} → ${p.toRevision} shortened ${p.shortened}, lengthened ${p.lengthened}, unchanged ${p.unchanged} (${p.dueNow} due at once)`,
  );
}
