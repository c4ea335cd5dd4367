import type { DataClass } from '../data-class';
import { dueBuckets, expiryBucket } from '../retention/expiry-bucket';
import { isExpired } from '../retention/exact-expiry';

/**
 * Where the sweep of one tenant × class × region stands, kept in the directory as
 * `SWEEP#<region>#<class>` after every page, so a sweep that stops (crash, timeout, failure) goes
 * on from there. Everything in the buckets before (`day`, `bucket`, `cursor`) was handled.
 */
export interface SweepCheckpoint {
  /** First UTC day (`YYYY-MM-DD`) whose buckets are not all swept; today's are swept every run. */
  day: string;
  /** The bucket in progress and the page cursor inside it. */
  bucket?: string;
  cursor?: string;
  /** The policy revision whose retention the records' expiries follow. */
  policyRevision: number;
  /** A policy change being applied: buckets re-dated from the old revision to the new one. */
  rebucket?: RebucketProgress;
}

export interface RebucketProgress {
  fromRevision: number;
  toRevision: number;
  /** The last bucket that may hold a record written under the old revision. */
  throughDay: string;
  bucket?: string;
  cursor?: string;
  shortened: number;
  lengthened: number;
  unchanged: number;
  dueNow: number;
}

export const checkpointSortKey = (region: string, dataClass: DataClass): string => `SWEEP#${region}#${dataClass}`;

export const utcDay = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The UTC day a bucket key (`T#<t>#<class>#<day>#<shard>`) stands for. */
export const dayOfBucket = (bucket: string): string => bucket.split('#')[3];

/**
 * The buckets still to sweep at `now`, in order, and the cursor inside the first: every shard of
 * every day from the checkpoint's day through today, resumed at the checkpoint's bucket. A first
 * sweep (no checkpoint) starts at `firstDay`, the first day a record written on time can expire
 * (see `firstSweepDay`). A checkpoint is where the last run ended, even before `firstDay` (a young
 * tenant): a record already due when it was written (a past date, a released hold) waits in the
 * bucket of that day, which may be the checkpoint's. Never after today (a checkpoint from a sweep
 * run with a later `--now`).
 */
export function bucketsToSweep(
  tenantId: string,
  dataClass: DataClass,
  checkpoint: Pick<SweepCheckpoint, 'day' | 'bucket' | 'cursor'> | undefined,
  firstDay: string,
  now: Date,
): { buckets: string[]; cursor?: string } {
  const today = utcDay(now);
  const from = checkpoint?.day ?? firstDay;
  return resumeAt(dueBuckets(tenantId, dataClass, from > today ? today : from, now), checkpoint);
}

/** Every shard of each of `days`, in order. */
export function bucketsOfDays(tenantId: string, dataClass: DataClass, days: readonly string[]): string[] {
  return days.flatMap((day) => dueBuckets(tenantId, dataClass, day, new Date(`${day}T00:00:00Z`)));
}

/** `buckets` from the checkpoint's bucket on (all of them when it is not among them), and the cursor inside it. */
export function resumeAt(
  buckets: readonly string[],
  checkpoint: Pick<SweepCheckpoint, 'bucket' | 'cursor'> | undefined,
): { buckets: string[]; cursor?: string } {
  const at = checkpoint?.bucket ? buckets.indexOf(checkpoint.bucket) : -1;
  return at < 0 ? { buckets: [...buckets] } : { buckets: buckets.slice(at), cursor: checkpoint?.cursor };
}

/** Every shard of every day from `fromDay` through `throughDay`: where records of an old policy may wait. */
export function bucketsThrough(tenantId: string, dataClass: DataClass, fromDay: string, throughDay: string): string[] {
  return dueBuckets(tenantId, dataClass, fromDay, new Date(`${throughDay}T23:59:59.999Z`));
}

/**
 * The bucket a record goes to when it is written or re-dated: a record already due (written with a
 * past date, shortened into the past by a policy change, released from a hold) may expire on a day
 * behind the sweep's checkpoint, so it goes to today's bucket, which every sweep reads
 * (`expiresAt <= now` still finds it); a record not yet due goes to the bucket of its expiry day.
 */
export function bucketForExpiry(
  tenantId: string,
  dataClass: DataClass,
  expiresAtSeconds: number,
  shardSeed: string,
  now: Date,
): string {
  const due = isExpired(new Date(expiresAtSeconds * 1000), now);
  return expiryBucket(tenantId, dataClass, due ? Math.floor(now.getTime() / 1000) : expiresAtSeconds, shardSeed);
}
