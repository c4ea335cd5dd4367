import type { TenantPolicy } from '../policy/schema';
import { isExpired } from '../retention/exact-expiry';
import { expiryInstant } from '../retention/expiry-instant';
import { retentionFor } from '../retention/retention-for';
import { instantOfWallClock } from '../retention/zoned-time';

/** `YYYY-MM` after `month`. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/** The instant a month of the tenant's calendar ends (the first instant of the next month, in its time zone). */
function endOfMonth(month: string, timeZone: string): Date {
  const [year, m] = nextMonth(month).split('-').map(Number);
  return new Date(
    instantOfWallClock({ year, month: m, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone),
  );
}

/**
 * When every daily counter of a month (`T#<t>#M#<YYYY-MM>`, days in the tenant's time zone) has
 * passed the aggregate retention: its last day's retention ends one retention after the month ends.
 * The sweep handles aggregates a month partition at a time, from then on; reads hide each day's
 * counters from its own expiry.
 */
export function aggregateMonthExpiry(month: string, policy: TenantPolicy): Date {
  return expiryInstant(endOfMonth(month, policy.timeZone), retentionFor(policy, 'aggregate'), policy.timeZone);
}

/** The months from `fromMonth` on whose counters have all expired at `now`, oldest first. */
export function dueAggregateMonths(fromMonth: string, policy: TenantPolicy, now: Date): string[] {
  const months: string[] = [];
  for (let month = fromMonth; isExpired(aggregateMonthExpiry(month, policy), now); month = nextMonth(month))
    months.push(month);
  return months;
}
