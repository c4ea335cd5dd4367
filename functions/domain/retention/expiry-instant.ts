import type { CalendarDuration } from '../duration';
import { instantOfWallClock, wallClockAt, type WallClock } from './zoned-time';

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Years and months first (the day clamped to the month's last day), then days, on the calendar. */
function addCalendarUnits(wall: WallClock, d: CalendarDuration): WallClock {
  const monthIndex = wall.year * 12 + (wall.month - 1) + d.years * 12 + d.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, Math.min(wall.day, daysInMonth(year, month)) + d.days);
  return { ...wall, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * When a record created at `createdAt` expires after `duration`, for a tenant in `timeZone`.
 *
 * Retention is written as contracts write it ("30 days", "12 months"), so calendar units move
 * the tenant's wall clock and keep its time of day: Jan 31 + P1M is the last day of February,
 * Feb 29 + P1Y is Feb 28, a time skipped by a DST gap moves forward to the first valid instant and
 * a time that happens twice takes the earlier one. The time part (PT36H) is exact elapsed time,
 * added after the calendar part.
 */
export function expiryInstant(createdAt: Date, duration: CalendarDuration, timeZone: string): Date {
  let expiry = createdAt.getTime();
  // Only a calendar move goes through the wall clock: a round trip would shift an instant created
  // in the second occurrence of an ambiguous hour back to the first.
  if (duration.years || duration.months || duration.days) {
    expiry = instantOfWallClock(addCalendarUnits(wallClockAt(expiry, timeZone), duration), timeZone);
  }
  expiry += ((duration.hours * 60 + duration.minutes) * 60 + duration.seconds) * 1000;
  return new Date(expiry);
}
