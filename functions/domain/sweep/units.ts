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
    for (const channel of [undefined, ...CHANNELS])
      for (const phase of ['in-flight', 'final'] as const) regions.add(regionFor(policy, dataClass, channel, phase));
  return [...regions].sort();
}

/**
 * Where a tenant's first sweep of `dataClass` starts: the earliest day a record written since the
 * tenant exists can expire, its creation plus the shortest retention any revision gave the class
 * (any channel). A record written already due (a past date) goes to the bucket of the day it was
 * written instead (`bucketForExpiry`), which later runs read from their checkpoint on; only one
 * written before the tenant's very first sweep, on an earlier day, is left to TTL (hidden from its
 * expiry instant like every record). The nightly schedule sweeps a tenant the night it is created.
 */
export function firstSweepDay(policies: readonly TenantPolicy[], dataClass: DataClass, tenantCreatedAt: Date): string {
  let earliest = Number.POSITIVE_INFINITY;
  for (const policy of policies)
    for (const channel of [undefined, ...CHANNELS])
      earliest = Math.min(
        earliest,
        expiryInstant(tenantCreatedAt, retentionFor(policy, dataClass, channel), policy.timeZone).getTime(),
      );
  return utcDay(new Date(earliest));
}
