import { notFound } from '../../domain/errors';
import { counterPartition, parseCounterSortKey } from '../../domain/kpi/counter-key';
import { KpiQuerySchema, monthsOf } from '../../domain/kpi/query';
import type { KpiReport } from '../../domain/kpi/report';
import { rollUp, type StoredCounter } from '../../domain/kpi/rollup';
import { regionFor } from '../../domain/residency/region-for';
import { isVisibleAt } from '../../domain/retention/visibility';
import { parseOrThrow } from '../../domain/validation';
import type { IngestDeps } from '../ingest/deps';
import { allPages } from '../records/pages';

/**
 * GET /v1/kpis?from&to&groupBy: the tenant's daily counters between two of its days (both
 * included), one Query per month partition, summed per requested grouping. A counter past its
 * retention counts for nothing from its expiry instant, whether or not the sweep has removed it.
 */
export async function getKpis(
  deps: Pick<IngestDeps, 'stores' | 'directory' | 'clock'>,
  tenantId: string,
  query: Record<string, string | undefined>,
): Promise<KpiReport> {
  const q = parseOrThrow(KpiQuerySchema, query, 'The KPI query');
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`Tenant ${tenantId}`);
  const aggregates = deps.stores.storesFor(regionFor(current.policy, 'aggregate')).aggregates;
  const values = (
    await Promise.all(
      monthsOf(q.from, q.to).map((month) =>
        allPages((cursor) => aggregates.queryRange(counterPartition(tenantId, month), q.from, q.to, { cursor })),
      ),
    )
  ).flat();
  const now = deps.clock.now();
  const counters = values.flatMap((v): StoredCounter[] => {
    if (!isVisibleAt({ expiresAt: v.expiresAt }, now)) return [];
    const parsed = parseCounterSortKey(v.sk);
    return parsed ? [{ ...parsed, value: v.value }] : [];
  });
  return {
    from: q.from,
    to: q.to,
    timeZone: current.policy.timeZone,
    groupBy: q.groupBy,
    rows: rollUp(counters, q.groupBy),
  };
}
