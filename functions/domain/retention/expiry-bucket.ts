import { createHash } from 'node:crypto';
import type { DataClass } from '../data-class';

/** Shards per (tenant, class, day), so one tenant's busy day never makes a hot GSI partition. */
export const EXPIRY_SHARDS = 4;

const DAY_MS = 86_400_000;
const utcDay = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);
const bucketKey = (tenantId: string, dataClass: DataClass, day: string, shard: number) =>
  `T#${tenantId}#${dataClass}#${day}#${shard}`;

/** A stable shard for a record key: the same record always lands in the same shard. */
export function expiryShard(shardSeed: string): number {
  return createHash('sha256').update(shardSeed, 'utf8').digest().readUInt32BE(0) % EXPIRY_SHARDS;
}

/** Partition key of the `byExpiry` GSI: `T#<t>#<class>#<YYYY-MM-DD of expiry, UTC>#<shard>`. */
export function expiryBucket(
  tenantId: string,
  dataClass: DataClass,
  expiresAtSeconds: number,
  shardSeed: string,
): string {
  return bucketKey(tenantId, dataClass, utcDay(expiresAtSeconds * 1000), expiryShard(shardSeed));
}

/**
 * Every bucket a sweep of (tenant, class) must query at `now`: each shard of each UTC day from
 * `fromDay` (the day after the last completed sweep, `YYYY-MM-DD`) through today. Within today's
 * buckets the sweep still filters on `expiresAt <= now`.
 */
export function dueBuckets(tenantId: string, dataClass: DataClass, fromDay: string, now: Date): string[] {
  const from = /^\d{4}-\d{2}-\d{2}$/.test(fromDay) ? Date.parse(`${fromDay}T00:00:00Z`) : NaN;
  if (Number.isNaN(from) || utcDay(from) !== fromDay)
    throw new RangeError(`fromDay must be a date such as 2024-03-01, not "${fromDay}"`);
  const buckets: string[] = [];
  for (let day = from; utcDay(day) <= utcDay(now.getTime()); day += DAY_MS) {
    for (let shard = 0; shard < EXPIRY_SHARDS; shard++)
      buckets.push(bucketKey(tenantId, dataClass, utcDay(day), shard));
  }
  return buckets;
}
