import { CHANNELS, type DataClass } from '../../domain/data-class';
import { expiryInstant } from '../../domain/retention/expiry-instant';
import { retentionFor } from '../../domain/retention/retention-for';
import type { TenantPolicy } from '../../domain/policy/schema';
import { bucketsOfDays, utcDay } from '../../domain/sweep/checkpoint';
import { holdingDays } from '../../domain/sweep/holding-days';
import type { DueItem, RecordStore } from '../../ports/record-store';
import type { TenantProfile } from '../../ports/tenant-directory';

/** The `byExpiry` buckets that can hold a record of `dataClass` of the tenant (see `holdingDays`). */
export function tenantBuckets(profile: TenantProfile, policies: readonly TenantPolicy[], dataClass: DataClass, now: Date): string[] {
  const createdAt = new Date(profile.createdAt);
  return bucketsOfDays(profile.tenantId, dataClass, holdingDays(dataClass, policies, createdAt, now, utcDay(createdAt)));
}

/** Every index hit in `buckets`, whatever its expiry, a page at a time. */
export async function* indexedItems(records: RecordStore, buckets: readonly string[]): AsyncGenerator<DueItem> {
  for (const bucket of buckets) {
    let cursor: string | undefined;
    do {
      const page = await records.queryDue(bucket, Number.MAX_SAFE_INTEGER, { cursor });
      yield* page.items;
      cursor = page.cursor;
    } while (cursor);
  }
}

/** Months (`YYYY-MM`) from the tenant's creation through `now`: the partitions its counters can be in. */
export function tenantMonths(profile: TenantProfile, now: Date): string[] {
  const months: string[] = [];
  const cursor = new Date(`${profile.createdAt.slice(0, 7)}-01T00:00:00Z`);
  // A month either side: counter days are in the tenant's time zone.
  cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  const last = new Date(now);
  last.setUTCMonth(last.getUTCMonth() + 1);
  while (cursor <= last) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/**
 * Days of the admin archive's time index that can still hold a live entry: an entry lives as long
 * as its interaction or the statistics it may become, whichever is longer (see
 * usecases/admin/interaction-listing.ts), so only interactions started within that span back.
 */
export function tenantListingDays(policies: readonly TenantPolicy[], now: Date): string[] {
  let earliest = now.getTime();
  for (const policy of policies)
    for (const dataClass of ['interaction', 'aggregate'] as const)
      for (const channel of [undefined, ...CHANNELS]) {
        const duration = retentionFor(policy, dataClass, channel);
        const back = { years: -duration.years, months: -duration.months, days: -duration.days - 1, hours: -duration.hours, minutes: -duration.minutes, seconds: -duration.seconds };
        earliest = Math.min(earliest, expiryInstant(now, back, policy.timeZone).getTime());
      }
  return holdingRange(new Date(earliest), now);
}

function holdingRange(from: Date, through: Date): string[] {
  const days: string[] = [];
  for (let day = Date.parse(`${utcDay(from)}T00:00:00Z`); day <= through.getTime(); day += 86_400_000) days.push(utcDay(new Date(day)));
  return days;
}
