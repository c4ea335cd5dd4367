import type { Channel, DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { isExpired } from '../retention/exact-expiry';
import { expiryInstant } from '../retention/expiry-instant';
import { retentionFor } from '../retention/retention-for';
import { instantOfWallClock } from '../retention/zoned-time';
import type { ImpactEstimate } from './schema';

/** How many records of a class (and channel) were created on one of the tenant's days. */
export interface RecordCount {
  dataClass: DataClass;
  channel?: Channel;
  /** `YYYY-MM-DD` in the tenant's time zone. */
  day: string;
  count: number;
}

export const emptyEstimate = (): ImpactEstimate => ({ dueAtNextSweep: 0, expireSooner: 0, kept: 0, live: 0 });

/** A day's records are taken as created at its noon: the estimate is by day, not by record. */
function middayOf(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(
    instantOfWallClock({ year, month, day: date, hour: 12, minute: 0, second: 0, millisecond: 0 }, timeZone),
  );
}

/**
 * Adds the counted records of one day to `estimate`, comparing their expiry under `before` and
 * `after` (each with its channel's own retention). Records already past their old expiry are
 * hidden already and count for nothing: a lengthened retention brings nothing back.
 */
export function addToEstimate(
  estimate: ImpactEstimate,
  counted: RecordCount,
  before: TenantPolicy,
  after: TenantPolicy,
  now: Date,
): void {
  const createdAt = middayOf(counted.day, before.timeZone);
  const oldExpiry = expiryInstant(createdAt, retentionFor(before, counted.dataClass, counted.channel), before.timeZone);
  if (isExpired(oldExpiry, now)) return;
  const newExpiry = expiryInstant(createdAt, retentionFor(after, counted.dataClass, counted.channel), after.timeZone);
  estimate.live += counted.count;
  if (isExpired(newExpiry, now)) estimate.dueAtNextSweep += counted.count;
  else if (newExpiry < oldExpiry) estimate.expireSooner += counted.count;
  else if (newExpiry > oldExpiry) estimate.kept += counted.count;
}
