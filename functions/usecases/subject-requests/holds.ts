import { isActiveHold } from '../../domain/holds/hold';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import type { SubjectPartition } from './find-subject';

/**
 * Which of the subject's partitions active legal holds keep, by partition key → hold ids
 * (precedence: legal hold > erasure > retention). Asked again before acting, so a hold placed
 * while the request runs is honoured too.
 */
export async function holdsOnPartitions(
  deps: { stores: RegionalStores; directory: TenantDirectory },
  tenantId: string,
  partitions: readonly SubjectPartition[],
): Promise<Map<string, string[]>> {
  const held = new Map<string, string[]>();
  const active = (await listHolds(deps.directory, tenantId)).filter(isActiveHold);
  if (!active.length || !partitions.length) return held;
  for (const region of deps.stores.regions) {
    const coverage = await loadHoldCoverage(deps.stores.storesFor(region).records, tenantId, active);
    for (const { pk } of partitions) {
      const ids = coverage.holdsOn(pk);
      if (ids.length) held.set(pk, [...new Set([...(held.get(pk) ?? []), ...ids])].sort());
    }
  }
  return held;
}
