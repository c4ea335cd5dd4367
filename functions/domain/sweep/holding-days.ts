import { CHANNELS, type DataClass } from '../data-class';
import { parseDuration, type CalendarDuration } from '../duration';
import type { TenantPolicy } from '../policy/schema';
import { expiryInstant } from '../retention/expiry-instant';
import { retentionFor } from '../retention/retention-for';
import { utcDay } from './checkpoint';

const DAY_MS = 86_400_000;

/**
 * Every UTC day whose `byExpiry` buckets can hold a record of `dataClass` of a tenant created at
 * `createdAt`, as of `now`, so offboarding (export, purge, the final count) reads exactly those
 * buckets instead of scanning the table. A record written at `t` (createdAt ≤ t ≤ now) under a
 * retention R expires at t + R, so its day lies in [createdAt + R, now + R], for every retention
 * any revision of the policy gave the class (per channel too); an anonymised record expires a
 * statistics retention after its anonymisation, an archived copy an archive retention after its
 * transfer, a litigation batch the litigation retention after its sealing. Days from `fromDay`
 * (the sweep's checkpoint: earlier ones are swept) through today are always included: records due
 * again after a hold was released wait there.
 */
export function holdingDays(
  dataClass: DataClass,
  policies: readonly TenantPolicy[],
  createdAt: Date,
  now: Date,
  fromDay: string,
): string[] {
  const intervals: [number, number][] = [[Date.parse(`${fromDay}T00:00:00Z`), now.getTime()]];
  const add = (duration: CalendarDuration | undefined, timeZone: string) => {
    if (duration)
      intervals.push([
        expiryInstant(createdAt, duration, timeZone).getTime(),
        expiryInstant(now, duration, timeZone).getTime(),
      ]);
  };
  for (const policy of policies) {
    const tz = policy.timeZone;
    for (const channel of [undefined, ...CHANNELS]) add(retentionFor(policy, dataClass, channel), tz);
    const action = policy.classes[dataClass].afterExpiry;
    if (action === 'anonymize') add(retentionFor(policy, 'aggregate'), tz);
    if (action === 'archive') add(parseDuration(policy.classes[dataClass].archiveRetention ?? ''), tz);
  }
  const days = new Set<string>();
  for (const [from, through] of intervals)
    for (let day = Date.parse(`${utcDay(new Date(from))}T00:00:00Z`); day <= through; day += DAY_MS) {
      const name = utcDay(new Date(day));
      if (name >= fromDay) days.add(name);
    }
  return [...days].sort();
}
