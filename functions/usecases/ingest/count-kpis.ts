import { counterKey, mergeIncrements } from '../../domain/kpi/counter-key';
import { dayStart, type CounterIncrement } from '../../domain/kpi/counters';
import { regionFor } from '../../domain/residency/region-for';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { expiryOf } from '../../domain/retention/record-expiry';
import { MAX_COUNTERS_PER_ADD } from '../../ports/aggregate-store';
import type { IngestDeps } from './deps';
import type { TenantContext } from './tenant-context';

/**
 * Adds to the tenant's daily counters in the aggregates region, with DynamoDB `ADD` (atomic, no
 * read). Called after the record write succeeded and only for new records, so a replayed request
 * never counts twice; a crash between the two writes loses that one count rather than doubling it.
 */
export async function countKpis(
  deps: Pick<IngestDeps, 'stores'>,
  tenant: TenantContext,
  increments: readonly CounterIncrement[],
): Promise<void> {
  const { policy, tenantId } = tenant;
  const adds = mergeIncrements(tenantId, increments)
    .filter((inc) => inc.by !== 0)
    .map((inc) => ({
      ...counterKey(tenantId, inc),
      by: inc.by,
      expiresAt: ttlEpochSeconds(
        expiryOf({ dataClass: 'aggregate', createdAt: dayStart(inc.day, policy.timeZone) }, policy),
      ),
    }));
  const aggregates = deps.stores.storesFor(regionFor(policy, 'aggregate')).aggregates;
  for (let i = 0; i < adds.length; i += MAX_COUNTERS_PER_ADD)
    await aggregates.add(adds.slice(i, i + MAX_COUNTERS_PER_ADD));
}
