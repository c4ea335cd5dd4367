import fc from 'fast-check';
import { parseDuration, type CalendarDuration } from '../../../../functions/domain/duration';
import { expiryInstant } from '../../../../functions/domain/retention/expiry-instant';
import { wallClockAt, wallClockAsUtcMs } from '../../../../functions/domain/retention/zoned-time';

const duration = (iso: string): CalendarDuration => {
  const d = parseDuration(iso);
  if (!d) throw new Error(`bad duration in test: ${iso}`);
  return d;
};
const expiry = (createdAt: string, iso: string, timeZone: string) =>
  expiryInstant(new Date(createdAt), duration(iso), timeZone).toISOString();

const ZONES = ['Europe/Stockholm', 'America/New_York', 'Australia/Lord_Howe', 'Europe/Paris', 'Asia/Kolkata', 'UTC'];
const instant = fc.date({
  min: new Date('1995-01-01T00:00:00Z'),
  max: new Date('2060-12-31T00:00:00Z'),
  noInvalidDate: true,
});
const calendarDuration = fc.record({
  years: fc.nat(6),
  months: fc.nat(30),
  days: fc.nat(800),
  hours: fc.nat(72),
  minutes: fc.nat(120),
  seconds: fc.nat(120),
});
const nonZero = calendarDuration.filter((d) => Object.values(d).some((n) => n > 0));
const offsetMs = (epochMs: number, tz: string) =>
  wallClockAsUtcMs({ ...wallClockAt(epochMs, tz), millisecond: epochMs % 1000 }) - epochMs;

describe('expiry instant: calendar retention in the tenant time zone', () => {
  it('chat logs created 2 May at 12:15 in Stockholm expire 30 days later at 12:15 local, 1 June', () => {
    // Prepare / Act
    const expiresAt = expiry('2024-05-02T10:15:00.000Z', 'P30D', 'Europe/Stockholm');
    // Assess
    expect(expiresAt).toBe('2024-06-01T10:15:00.000Z');
  });

  it('"30 days" across the spring change keeps the wall clock: 09:00 CET becomes 09:00 CEST, one hour less elapsed', () => {
    expect(expiry('2024-03-15T08:00:00.000Z', 'P30D', 'Europe/Stockholm')).toBe('2024-04-14T07:00:00.000Z');
  });

  it('the time part is exact elapsed time: PT24H across the spring change is 24 hours, P1D is 23', () => {
    expect(expiry('2024-03-30T12:00:00.000Z', 'PT24H', 'Europe/Stockholm')).toBe('2024-03-31T12:00:00.000Z');
    expect(expiry('2024-03-30T12:00:00.000Z', 'P1D', 'Europe/Stockholm')).toBe('2024-03-31T11:00:00.000Z');
  });

  it('month-end clamps: 31 January + 1 month is the last day of February (leap and common years)', () => {
    expect(expiry('2024-01-31T09:00:00.000Z', 'P1M', 'UTC')).toBe('2024-02-29T09:00:00.000Z');
    expect(expiry('2025-01-31T09:00:00.000Z', 'P1M', 'UTC')).toBe('2025-02-28T09:00:00.000Z');
    expect(expiry('2024-03-31T09:00:00.000Z', 'P1M', 'Europe/Stockholm')).toBe('2024-04-30T09:00:00.000Z');
  });

  it('a leap day + 1 year is 28 February; + 4 years is 29 February again', () => {
    expect(expiry('2024-02-29T11:00:00.000Z', 'P1Y', 'Europe/Stockholm')).toBe('2025-02-28T11:00:00.000Z');
    expect(expiry('2024-02-29T11:00:00.000Z', 'P4Y', 'Europe/Stockholm')).toBe('2028-02-29T11:00:00.000Z');
  });

  it('years and months clamp before days are added: 31 January + P1M1D is 1 March (2025)', () => {
    expect(expiry('2025-01-31T09:00:00.000Z', 'P1M1D', 'UTC')).toBe('2025-03-01T09:00:00.000Z');
  });

  it("the calendar is the tenant's: 23:30 on 31 January in Stockholm is 22:30 UTC, and + 1 month is 23:30 on 29 February local", () => {
    expect(expiry('2024-01-31T22:30:00.000Z', 'P1M', 'Europe/Stockholm')).toBe('2024-02-29T22:30:00.000Z');
  });

  describe('DST gaps: a local time that does not exist moves forward to the first valid instant', () => {
    it('Stockholm, 31 March 2024: 02:30 does not exist, the expiry is 03:00 CEST', () => {
      // Prepare: 02:30 CET on 30 March
      const createdAt = '2024-03-30T01:30:00.000Z';
      // Act
      const expiresAt = expiry(createdAt, 'P1D', 'Europe/Stockholm');
      // Assess: 03:00 CEST = 01:00 UTC
      expect(expiresAt).toBe('2024-03-31T01:00:00.000Z');
    });

    it('New York, 10 March 2024: 02:30 does not exist, the expiry is 03:00 EDT', () => {
      expect(expiry('2024-03-09T07:30:00.000Z', 'P1D', 'America/New_York')).toBe('2024-03-10T07:00:00.000Z');
    });

    it('Lord Howe, 6 October 2024 (a 30-minute shift): 02:15 does not exist, the expiry is 02:30 +11:00', () => {
      // Prepare: 02:15 at +10:30 on 5 October
      const createdAt = '2024-10-04T15:45:00.000Z';
      // Act / Assess
      expect(expiry(createdAt, 'P1D', 'Australia/Lord_Howe')).toBe('2024-10-05T15:30:00.000Z');
    });
  });

  describe('DST overlaps: a local time that happens twice takes the earlier offset', () => {
    it('Stockholm, 27 October 2024: 02:30 happens at 00:30 and 01:30 UTC, the expiry is 00:30', () => {
      expect(expiry('2024-10-26T00:30:00.000Z', 'P1D', 'Europe/Stockholm')).toBe('2024-10-27T00:30:00.000Z');
    });

    it('New York, 3 November 2024: 01:30 happens twice, the expiry is 01:30 EDT', () => {
      expect(expiry('2024-11-02T05:30:00.000Z', 'P1D', 'America/New_York')).toBe('2024-11-03T05:30:00.000Z');
    });

    it('Lord Howe, 7 April 2024: 01:45 happens at +11:00 and +10:30, the expiry is at +11:00', () => {
      expect(expiry('2024-04-05T14:45:00.000Z', 'P1D', 'Australia/Lord_Howe')).toBe('2024-04-06T14:45:00.000Z');
    });

    it('a record created in the second 02:30 with a time-only retention is not pulled back an hour', () => {
      // Prepare: 02:30 CET, the second occurrence
      const createdAt = '2024-10-27T01:30:00.000Z';
      // Act / Assess
      expect(expiry(createdAt, 'PT1H', 'Europe/Stockholm')).toBe('2024-10-27T02:30:00.000Z');
    });
  });

  describe('properties', () => {
    it('expiry is never before creation (strictly after, for any non-zero retention and zone)', () => {
      fc.assert(
        fc.property(instant, nonZero, fc.constantFrom(...ZONES), (createdAt, d, tz) => {
          expect(expiryInstant(createdAt, d, tz).getTime()).toBeGreaterThan(createdAt.getTime());
        }),
        { numRuns: 400 },
      );
    });

    it('a longer retention never gives an earlier expiry (monotone in every unit)', () => {
      fc.assert(
        fc.property(
          instant,
          calendarDuration,
          calendarDuration,
          fc.constantFrom(...ZONES),
          (createdAt, d, extra, tz) => {
            // Prepare: `longer` is `d` plus a non-negative amount of every unit
            const longer = {
              years: d.years + extra.years,
              months: d.months + extra.months,
              days: d.days + extra.days,
              hours: d.hours + extra.hours,
              minutes: d.minutes + extra.minutes,
              seconds: d.seconds + extra.seconds,
            };
            // Act / Assess
            expect(expiryInstant(createdAt, longer, tz).getTime()).toBeGreaterThanOrEqual(
              expiryInstant(createdAt, d, tz).getTime(),
            );
          },
        ),
        { numRuns: 400 },
      );
    });

    it('P<n>D lands exactly n local calendar days later, at the same local time unless that time fell in a DST gap', () => {
      fc.assert(
        fc.property(instant, fc.integer({ min: 1, max: 2000 }), fc.constantFrom(...ZONES), (createdAt, n, tz) => {
          // Act
          const expiresAt = expiryInstant(
            createdAt,
            { years: 0, months: 0, days: n, hours: 0, minutes: 0, seconds: 0 },
            tz,
          ).getTime();
          // Assess
          const before = wallClockAt(createdAt.getTime(), tz);
          const after = wallClockAt(expiresAt, tz);
          const dayNumber = (w: typeof before) => Date.UTC(w.year, w.month - 1, w.day) / 86_400_000;
          const sameTime =
            after.hour === before.hour && after.minute === before.minute && after.second === before.second;
          const atTransition = offsetMs(expiresAt - 1000, tz) !== offsetMs(expiresAt, tz);
          expect(dayNumber(after) - dayNumber(before)).toBe(n);
          expect(sameTime || atTransition).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

    it('a leap day + n years is 29 February in leap years and 28 February otherwise', () => {
      const leapYears = fc.integer({ min: 1996, max: 2096 }).filter((y) => y % 4 === 0 && y !== 2100);
      fc.assert(
        fc.property(leapYears, fc.integer({ min: 1, max: 12 }), fc.constantFrom(...ZONES), (year, n, tz) => {
          // Prepare: noon on 29 February, local time
          const noon = { year, month: 2, day: 29, hour: 12, minute: 0, second: 0, millisecond: 0 };
          const createdAt = new Date(wallClockAsUtcMs(noon) - offsetMs(wallClockAsUtcMs(noon), tz));
          // Act
          const expiresAt = wallClockAt(
            expiryInstant(createdAt, { years: n, months: 0, days: 0, hours: 0, minutes: 0, seconds: 0 }, tz).getTime(),
            tz,
          );
          // Assess
          const target = year + n;
          const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
          expect([expiresAt.year, expiresAt.month, expiresAt.day, expiresAt.hour]).toEqual([
            target,
            2,
            leap ? 29 : 28,
            12,
          ]);
        }),
      );
    });

    // Transition instants of 2024: random instants almost never land on one, so aim at them.
    const TRANSITIONS: [string, string][] = [
      ['Europe/Stockholm', '2024-03-31T01:00:00Z'],
      ['Europe/Stockholm', '2024-10-27T01:00:00Z'],
      ['America/New_York', '2024-03-10T07:00:00Z'],
      ['America/New_York', '2024-11-03T06:00:00Z'],
      ['Australia/Lord_Howe', '2024-10-05T15:30:00Z'],
      ['Australia/Lord_Howe', '2024-04-06T15:00:00Z'],
    ];
    const nearTransition = fc.record({
      transition: fc.constantFrom(...TRANSITIONS),
      days: fc.integer({ min: 1, max: 60 }),
      minutes: fc.integer({ min: -180, max: 180 }),
    });
    const daysOnly = (days: number) => ({ years: 0, months: 0, days, hours: 0, minutes: 0, seconds: 0 });

    it('around DST transitions, a later creation never expires earlier and the expiry is never before creation', () => {
      fc.assert(
        fc.property(
          nearTransition,
          fc.integer({ min: 1, max: 120 }),
          ({ transition: [tz, at], days, minutes }, later) => {
            // Prepare: two creations `days` before the transition, `later` minutes apart
            const first = new Date(Date.parse(at) - days * 86_400_000 + minutes * 60_000);
            const second = new Date(first.getTime() + later * 60_000);
            // Act
            const a = expiryInstant(first, daysOnly(days), tz).getTime();
            const b = expiryInstant(second, daysOnly(days), tz).getTime();
            // Assess
            expect(b).toBeGreaterThanOrEqual(a);
            expect(a).toBeGreaterThan(first.getTime());
          },
        ),
        { numRuns: 500 },
      );
    });

    it('around DST transitions, an expiry is the earliest instant showing its wall clock, or the end of a gap', () => {
      fc.assert(
        fc.property(nearTransition, ({ transition: [tz, at], days, minutes }) => {
          // Prepare
          const createdAt = new Date(Date.parse(at) - days * 86_400_000 + minutes * 60_000);
          // Act
          const expiresAt = expiryInstant(createdAt, daysOnly(days), tz).getTime();
          // Assess: no instant 30 or 60 minutes earlier shows the same wall clock (earlier offset taken)
          const wall = JSON.stringify(wallClockAt(expiresAt, tz));
          for (const back of [30, 60])
            expect(JSON.stringify(wallClockAt(expiresAt - back * 60_000, tz))).not.toBe(wall);
          const created = wallClockAt(createdAt.getTime(), tz);
          const shown = wallClockAt(expiresAt, tz);
          const sameTime = shown.hour === created.hour && shown.minute === created.minute;
          expect(sameTime || offsetMs(expiresAt - 1000, tz) !== offsetMs(expiresAt, tz)).toBe(true);
        }),
        { numRuns: 500 },
      );
    });

    it('the milliseconds of the creation instant are kept', () => {
      fc.assert(
        fc.property(instant, nonZero, fc.constantFrom(...ZONES), (createdAt, d, tz) => {
          const expiresAt = expiryInstant(createdAt, d, tz).getTime();
          const atTransition = offsetMs(expiresAt - 1000, tz) !== offsetMs(expiresAt, tz);
          if (!atTransition) expect(expiresAt % 1000).toBe(createdAt.getTime() % 1000);
        }),
      );
    });
  });
});
