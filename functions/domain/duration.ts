import * as z from 'zod';

/**
 * Retention periods are calendar durations written the way contracts state them: ISO-8601
 * `P3Y`, `P12M`, `P100D`, `P2W`, optionally with a time part (`PT36H`) for short test policies.
 * Calendar units (years, months, days) are added in the tenant's time zone by the retention
 * arithmetic; the time part is added as exact elapsed time.
 */
export interface CalendarDuration {
  years: number;
  months: number;
  days: number; // weeks are folded into days
  hours: number;
  minutes: number;
  seconds: number;
}

const ISO_DURATION = /^P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?!$)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export function parseDuration(text: string): CalendarDuration | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m) return undefined;
  const n = (i: number) => (m[i] ? Number(m[i]) : 0);
  return { years: n(1), months: n(2), days: n(3) * 7 + n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function isZeroDuration(d: CalendarDuration): boolean {
  return !d.years && !d.months && !d.days && !d.hours && !d.minutes && !d.seconds;
}

/** Rough length in days, for ordering and display only (never for expiry instants). */
export function approximateDays(d: CalendarDuration): number {
  return d.years * 365.2425 + d.months * 30.436875 + d.days + (d.hours * 3600 + d.minutes * 60 + d.seconds) / 86400;
}

export const DurationSchema = z
  .string()
  .refine((s) => parseDuration(s) !== undefined, {
    message: 'must be an ISO-8601 duration such as P30D, P12M, P3Y or PT1H',
  })
  .refine((s) => !isZeroDuration(parseDuration(s) ?? ({ years: 1 } as CalendarDuration)), {
    message: 'must be longer than zero',
  });
