import { counterPartition } from '../../domain/kpi/counter-key';
import type { TenantPolicy } from '../../domain/policy/schema';
import { archiveExpiry } from '../../domain/retention/archive-expiry';
import { backstopTags } from '../../domain/retention/content-backstop';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { expiryBucket } from '../../domain/retention/expiry-bucket';
import { aggregateMonthExpiry, dueAggregateMonths, nextMonth } from '../../domain/sweep/aggregate-months';
import { archiveMonthPrefix } from '../../domain/sweep/archive-object';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import type { SweepFailure, SweepTallies } from '../../domain/sweep/summary';
import type { AggregateStore, CounterValue } from '../../ports/aggregate-store';
import type { RetentionDeps } from './sweep-deps';

/** A month of KPI counters in the archive bucket. */
export interface ArchivedCounters {
  format: 'lethe-archive-aggregates';
  formatVersion: 1;
  archivedAt: string;
  /** When the month's last counters reached the end of the aggregate retention. */
  expiredAt: string;
  region: string;
  month: string;
  counters: CounterValue[];
}

/** Where the aggregate sweep of a tenant and region stands: the first month not yet handled. */
const monthCheckpointKey = (region: string) => `SWEEP#${region}#aggregate-months`;

export interface AggregateSweep {
  tenantId: string;
  policy: TenantPolicy;
  region: string;
  now: Date;
  firstDay: string;
  dryRun: boolean;
  out: { tallies: SweepTallies; failures: SweepFailure[]; policyChanges: PolicyChangeImpact[] };
}

/**
 * KPI counters (Inbenta: aggregates 3 years, then archived like raw data): every month partition
 * of the aggregates table whose counters have all expired is archived (one object per month in the
 * archive bucket, and a pointer in the records table that the sweep deletes when the archive
 * retention ends) or deleted, by the aggregate class's post-expiry action. One Query per month; a
 * month checkpoint in the directory.
 */
export async function sweepAggregates(
  deps: Pick<RetentionDeps, 'stores' | 'directory'>,
  sweep: AggregateSweep,
): Promise<void> {
  const { tenantId, policy, region, now, dryRun, out } = sweep;
  const stores = deps.stores.storesFor(region);
  const checkpoint = await deps.directory.getItem(tenantId, monthCheckpointKey(region), { consistent: true });
  const fromMonth = typeof checkpoint?.month === 'string' ? checkpoint.month : sweep.firstDay.slice(0, 7);
  const action = policy.classes.aggregate.afterExpiry;
  for (const month of dueAggregateMonths(fromMonth, policy, now)) {
    const pk = counterPartition(tenantId, month);
    const counters = await allCounters(stores.aggregates, pk);
    if (counters.length) out.tallies.count(tenantId, 'aggregate', region, 'due', counters.length);
    if (!dryRun) {
      if (counters.length && action === 'archive') {
        const key = `${archiveMonthPrefix(tenantId, 'aggregate', now.toISOString().slice(0, 7))}${month}.json`;
        const body: ArchivedCounters = {
          format: 'lethe-archive-aggregates',
          formatVersion: 1,
          archivedAt: now.toISOString(),
          expiredAt: aggregateMonthExpiry(month, policy).toISOString(),
          region,
          month,
          counters,
        };
        await stores.archive.put(key, Buffer.from(JSON.stringify(body), 'utf8'), {
          contentType: 'application/json',
          tags: backstopTags('on'),
        });
        const expiresAt = ttlEpochSeconds(archiveExpiry(now, policy, 'aggregate'));
        await stores.records.put({
          pk,
          sk: 'ARCHIVED#COUNTERS',
          tenantId,
          class: 'aggregate',
          tier: 'archived',
          archivedAt: now.toISOString(),
          archiveKeys: [key],
          expiresAt,
          expiryBucket: expiryBucket(tenantId, 'aggregate', expiresAt, pk),
        });
      }
      await stores.aggregates.deletePartition(pk);
      await deps.directory.putItem({ tenantId, sk: monthCheckpointKey(region), month: nextMonth(month) });
    }
    if (counters.length)
      out.tallies.count(tenantId, 'aggregate', region, action === 'archive' ? 'archived' : 'deleted', counters.length);
  }
}

/** Every counter of one month partition. */
export async function allCounters(store: AggregateStore, pk: string): Promise<CounterValue[]> {
  const counters: CounterValue[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.queryRange(pk, '0000', '9999', { cursor });
    counters.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return counters;
}
