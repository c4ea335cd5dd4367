import { CHANNELS, type Channel, type DataClass } from '../../domain/data-class';
import { approximateDays } from '../../domain/duration';
import type { Metric } from '../../domain/kpi/metrics';
import { KPI_MAX_DAYS } from '../../domain/kpi/query';
import type { PolicyDiff } from '../../domain/policy-diff/schema';
import type { RecordCount } from '../../domain/policy-diff/estimate';
import type { TenantPolicy } from '../../domain/policy/schema';
import { retentionFor } from '../../domain/retention/retention-for';
import { getKpis } from '../readback/get-kpis';
import type { AdminDeps } from './deps';

/** The classes the KPI counters count one for one, and by which metrics. */
const COUNTED: Partial<Record<DataClass, readonly Metric[]>> = {
  interaction: ['interactions'],
  survey: ['surveys'],
  event: ['questions', 'clicks', 'ratings', 'customEvents'],
};

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Days back a class's records can still be live under either policy. */
function lookBackDays(before: TenantPolicy, after: TenantPolicy, dataClass: DataClass): number {
  const days = [undefined, ...CHANNELS].flatMap((ch) =>
    [before, after].map((p) => approximateDays(retentionFor(p, dataClass, ch))),
  );
  return Math.ceil(Math.max(...days)) + 2;
}

/**
 * Records created per class, channel and day, for the classes a policy change touches, read from
 * the KPI counters (interactions, surveys, chatbot events: counted one for one at ingest). Chat
 * logs and recordings have no counter of their own: their impact is not estimated. Counters live
 * as long as the aggregate retention, so a longer look-back undercounts.
 */
export async function recordCountsFor(
  deps: AdminDeps,
  tenantId: string,
  diff: PolicyDiff,
  before: TenantPolicy,
  after: TenantPolicy,
): Promise<RecordCount[]> {
  const counts: RecordCount[] = [];
  const now = deps.clock.now().getTime();
  for (const { dataClass } of diff.classes) {
    const metrics = COUNTED[dataClass];
    if (!metrics) continue;
    const start = now - lookBackDays(before, after, dataClass) * DAY_MS;
    for (let from = start; from <= now; from += KPI_MAX_DAYS * DAY_MS) {
      const to = Math.min(from + (KPI_MAX_DAYS - 1) * DAY_MS, now + DAY_MS);
      const report = await getKpis(deps, tenantId, { from: dayOf(from), to: dayOf(to), groupBy: 'day,channel' });
      for (const row of report.rows) {
        const count = metrics.reduce((sum, m) => sum + (row.metrics[m] ?? 0), 0);
        const channel = CHANNELS.find((c) => c === row.group.channel) as Channel | undefined;
        if (count > 0 && row.group.day)
          counts.push({ dataClass, ...(channel ? { channel } : {}), day: row.group.day, count });
      }
    }
  }
  return counts;
}
