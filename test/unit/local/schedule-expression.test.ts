import { nextOccurrence, parseSchedule } from '../../../infra/local/runtime/schedule-expression';

describe('schedule expressions fire when EventBridge would (UTC)', () => {
  const at = (iso: string) => new Date(iso);

  it('the nightly sweep cron(15 1 * * ? *) fires next at 01:15 UTC the same day when before it', () => {
    // Act
    const next = nextOccurrence(parseSchedule('cron(15 1 * * ? *)'), at('2030-03-10T00:59:30Z'));

    // Assess
    expect(next.toISOString()).toBe('2030-03-10T01:15:00.000Z');
  });

  it('and the next day when past it, across a month and a leap day', () => {
    // Act
    const next = nextOccurrence(parseSchedule('cron(15 1 * * ? *)'), at('2028-02-28T01:15:00Z'));

    // Assess
    expect(next.toISOString()).toBe('2028-02-29T01:15:00.000Z');
  });

  it('minute lists, ranges and steps: cron(0/20 8-9 * * ? *)', () => {
    // Prepare
    const schedule = parseSchedule('cron(0/20 8-9 * * ? *)');

    // Act
    const first = nextOccurrence(schedule, at('2030-01-01T09:45:00Z'));
    const second = nextOccurrence(schedule, at('2030-01-01T08:00:00Z'));

    // Assess
    expect(first.toISOString()).toBe('2030-01-02T08:00:00.000Z');
    expect(second.toISOString()).toBe('2030-01-01T08:20:00.000Z');
  });

  it('a list of hours: cron(30 6,18 * * ? *)', () => {
    // Act
    const next = nextOccurrence(parseSchedule('cron(30 6,18 * * ? *)'), at('2030-01-01T06:30:00.001Z'));

    // Assess
    expect(next.toISOString()).toBe('2030-01-01T18:30:00.000Z');
  });

  it('rate(5 minutes) fires five minutes after the given instant', () => {
    // Act
    const next = nextOccurrence(parseSchedule('rate(5 minutes)'), at('2030-01-01T00:00:00Z'));

    // Assess
    expect(next.toISOString()).toBe('2030-01-01T00:05:00.000Z');
  });

  it.each([
    ['a day-of-week field', 'cron(0 12 ? * MON-FRI *)', /wildcard day, month, weekday and year fields only/],
    ['an hour out of range', 'cron(0 24 * * ? *)', /"24" is not a valid value between 0 and 23/],
    ['five fields', 'cron(0 12 * * ?)', /needs 6 fields/],
    ['something else', 'every night', /neither rate/],
  ])('refuses %s, saying why', (_, expression, why) => {
    // Act
    const act = () => parseSchedule(expression);

    // Assess
    expect(act).toThrow(why);
  });
});
