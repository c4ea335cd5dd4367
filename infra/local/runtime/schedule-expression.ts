/**
 * EventBridge schedule expressions, pure: `rate(5 minutes)` and `cron(min hour dom month dow year)`.
 * Cron fields minute and hour take numbers, `*`, lists, ranges and steps; the day, month and year
 * fields must be wildcards (`*` or `?`), which covers daily and hourly schedules like Lethe's sweep.
 */
export type Schedule = { kind: 'rate'; everyMs: number } | { kind: 'cron'; minutes: number[]; hours: number[] };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) throw new Error(`${expression}: the rate must be at least 1`);
    return { kind: 'rate', everyMs: n * UNIT_MS[rate[2].replace(/s$/, '')] };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (!cron) throw new Error(`${expression} is neither rate(...) nor cron(...)`);
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6)
    throw new Error(`${expression}: cron needs 6 fields (minute hour day-of-month month day-of-week year)`);
  const [minute, hour, ...days] = fields;
  if (days.some((f) => f !== '*' && f !== '?'))
    throw new Error(`${expression}: the local scheduler supports wildcard day, month, weekday and year fields only`);
  return { kind: 'cron', minutes: values(minute, 0, 59, expression), hours: values(hour, 0, 23, expression) };
}

/** The first instant strictly after `after` at which the schedule fires (UTC). */
export function nextOccurrence(schedule: Schedule, after: Date): Date {
  if (schedule.kind === 'rate') return new Date(after.getTime() + schedule.everyMs);
  const start = new Date(after.getTime());
  start.setUTCSeconds(0, 0);
  for (let i = 1; i <= 24 * 60; i++) {
    const candidate = new Date(start.getTime() + i * 60_000);
    if (schedule.hours.includes(candidate.getUTCHours()) && schedule.minutes.includes(candidate.getUTCMinutes()))
      return candidate;
  }
  throw new Error('cron schedule never fires');
}

/** `*`, `5`, `1,15,30`, `0-10`, `*\/15`, `10-50/20` within [min, max]. */
function values(field: string, min: number, max: number, expression: string): number[] {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const [from, to] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? range.split('-').map(Number)
          : [Number(range), stepText ? max : Number(range)];
    if (![from, to, step].every(Number.isInteger) || from < min || to > max || from > to || step < 1)
      throw new Error(`${expression}: "${part}" is not a valid value between ${min} and ${max}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((a, b) => a - b);
}
