import type { DataClass } from '../../domain/data-class';
import type { TenantPolicy } from '../../domain/policy/schema';
import { bucketsOfDays, utcDay } from '../../domain/sweep/checkpoint';
import { holdingDays } from '../../domain/sweep/holding-days';
import type { DueItem, RecordStore } from '../../ports/record-store';
import type { TenantProfile } from '../../ports/tenant-directory';

/** The `byExpiry` buckets that can hold a record of `dataClass` of the tenant (see `holdingDays`). */
export function tenantBuckets(
  profile: TenantProfile,
  policies: readonly TenantPolicy[],
  dataClass: DataClass,
  now: Date,
): string[] {
  const createdAt = new Date(profile.createdAt);
  return bucketsOfDays(
    profile.tenantId,
    dataClass,
    holdingDays(dataClass, policies, createdAt, now, utcDay(createdAt)),
  );
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
