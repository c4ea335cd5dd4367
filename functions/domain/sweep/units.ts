import { CHANNELS, type DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { regionFor } from '../residency/region-for';
import { expiryInstant } from '../retention/expiry-instant';
import { retentionFor } from '../retention/retention-for';
import { utcDay } from './checkpoint';

/**
 * Every region where a record of `dataClass` can be, under any revision of the tenant's policy
 * (records stay where they were written when the policy moves the class): the only regions the
 * sweep reads for that class. Anonymised statistics, archive pointers and litigation batches stay
 * in the region of what they stand for.
 */
export function regionsOfClass(policies: readonly TenantPolicy[], dataClass: DataClass): string[] {
  const regions = new Set<string>();
  for (const policy of policies)
    for (const channel of [undefined, ...CHANNELS]) for (const phase of ['in-flight', 'final'] as const) regions.add(regionFor(policy, dataClass, channel, phase));
  return [...regions].sort();
}

/**
 * Where a tenant's first sweep of `dataClass` starts: the earliest day a record written since the
 * tenant exists can expire, its creation plus the shortest retention any revision gave the class
 * (any channel). Days before hold nothing but records written with a past date that expire before
 * it; every read hides those from their expiry instant, and TTL removes them.
 */
export function firstSweepDay(policies: readonly TenantPolicy[], dataClass: DataClass, tenantCreatedAt: Date): string {
  let earliest = Number.POSITIVE_INFINITY;
  for (const policy of policies)
    for (const channel of [undefined, ...CHANNELS])
      earliest = Math.min(earliest, expiryInstant(tenantCreatedAt, retentionFor(policy, dataClass, channel), policy.timeZone).getTime());
  return utcDay(new Date(earliest));
}
