/**
 * Conversion between instants and wall-clock times of an IANA time zone, with nothing but
 * Intl.DateTimeFormat (no date library, no bundled tz database).
 */
export interface WallClock {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall clock of `timeZone` at `epochMs`. */
export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const wall: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') wall[part.type] = Number(part.value);
  }
  return {
    year: wall.year,
    month: wall.month,
    day: wall.day,
    hour: wall.hour,
    minute: wall.minute,
    second: wall.second,
    millisecond: ((epochMs % 1000) + 1000) % 1000,
  };
}

/** The wall clock written as if it were UTC, in epoch ms: the arithmetic space of calendars. */
export function wallClockAsUtcMs(w: WallClock): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/** UTC offset of `timeZone` at `epochMs`, in ms (whole seconds: Intl reports no finer). */
function offsetMsAt(epochMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return wallClockAsUtcMs({ ...wallClockAt(wholeSecond, timeZone), millisecond: 0 }) - wholeSecond;
}

/**
 * The instant a wall-clock time names in `timeZone`. A time skipped by a DST gap moves forward to
 * the first valid instant (the transition itself); a time that happens twice (fall back) takes
 * the earlier of the two, i.e. the offset in force before the change.
 */
export function instantOfWallClock(wall: WallClock, timeZone: string): number {
  const target = wallClockAsUtcMs(wall);
  // Offsets a day either side bracket any single transition near the target.
  const offsets = [offsetMsAt(target - DAY_MS, timeZone), offsetMsAt(target + DAY_MS, timeZone)];
  const names = (t: number) => t + offsetMsAt(t, timeZone) === target;
  const candidates = offsets.map((o) => target - o).filter(names);
  if (candidates.length) return Math.min(...candidates);

  // In a gap: the first instant whose wall clock is at or past the target is the transition.
  let lo = Math.floor((target - Math.max(...offsets)) / 1000);
  let hi = Math.ceil((target - Math.min(...offsets)) / 1000);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid * 1000 + offsetMsAt(mid * 1000, timeZone) >= target) hi = mid;
    else lo = mid + 1;
  }
  return lo * 1000;
}
