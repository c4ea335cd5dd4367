import { clickThroughRate } from '../../../functions/domain/kpi/click-through';
import { counterKey, mergeIncrements, parseCounterSortKey } from '../../../functions/domain/kpi/counter-key';
import {
  dayStart,
  eventIncrements,
  interactionEndIncrements,
  interactionStartIncrements,
  kpiDay,
  sessionMarkerId,
  surveyIncrements,
} from '../../../functions/domain/kpi/counters';
import { KpiQuerySchema, monthsOf } from '../../../functions/domain/kpi/query';
import { rollUp, type StoredCounter } from '../../../functions/domain/kpi/rollup';

const TENANT = '01JNQ0Z8V6Y3C3W1R4S5T6V7W8';
const chat = { channel: 'chat' as const, queue: 'billing', group: 'paris', startedAt: '2025-03-01T22:30:00Z' };

describe('KPI counters', () => {
  it("a day is the tenant's calendar day: 22:30 UTC on 1 March is already 2 March in Stockholm", () => {
    expect(kpiDay('2025-03-01T22:30:00Z', 'Europe/Stockholm')).toBe('2025-03-01');
    expect(kpiDay('2025-03-01T23:30:00Z', 'Europe/Stockholm')).toBe('2025-03-02');
    expect(kpiDay('2025-03-01T23:30:00Z', 'UTC')).toBe('2025-03-01');
  });

  it('Inbenta: a question counts by user type, source and environment; the first event of a session also counts the session', () => {
    // Act
    const increments = eventIncrements(
      { type: 'question', userType: 'visitor', source: 'web', at: '2025-03-01T10:00:00Z' },
      'UTC',
      true,
    );
    // Assess
    const dims = { userType: 'visitor', source: 'web', environment: 'none' };
    expect(increments).toEqual([
      { day: '2025-03-01', metric: 'questions', dims, by: 1 },
      { day: '2025-03-01', metric: 'sessions', dims, by: 1 },
    ]);
  });

  it('an interaction counts on its start day, with its wait and talk seconds at the end, by channel, queue and group', () => {
    const start = interactionStartIncrements(chat, 'Europe/Paris');
    const end = interactionEndIncrements(chat, { waitSeconds: 40, talkSeconds: 300 }, 'Europe/Paris');
    const dims = { channel: 'chat', queue: 'billing', group: 'paris' };
    expect(start).toEqual([{ day: '2025-03-01', metric: 'interactions', dims, by: 1 }]);
    expect(end).toEqual([
      { day: '2025-03-01', metric: 'endedInteractions', dims, by: 1 },
      { day: '2025-03-01', metric: 'waitSeconds', dims, by: 40 },
      { day: '2025-03-01', metric: 'talkSeconds', dims, by: 300 },
    ]);
  });

  it('a survey counts under its score, which makes the distribution', () => {
    expect(surveyIncrements(chat, 9, 'UTC')).toEqual([
      {
        day: '2025-03-01',
        metric: 'surveys',
        dims: { channel: 'chat', queue: 'billing', group: 'paris', score: '9' },
        by: 1,
      },
    ]);
  });

  it("a counter's retention counts from the start of its day in the tenant's zone", () => {
    expect(dayStart('2025-03-02', 'Europe/Stockholm').toISOString()).toBe('2025-03-01T23:00:00.000Z');
    expect(dayStart('2025-07-02', 'Europe/Stockholm').toISOString()).toBe('2025-07-01T22:00:00.000Z');
  });

  it('the session marker is a keyed hash: stable per tenant secret, unrelated across tenants, never the id', () => {
    const secret = new Uint8Array(32).fill(7);
    const other = new Uint8Array(32).fill(8);
    expect(sessionMarkerId(secret, 'session-42')).toBe(sessionMarkerId(secret, 'session-42'));
    expect(sessionMarkerId(other, 'session-42')).not.toBe(sessionMarkerId(secret, 'session-42'));
    expect(sessionMarkerId(secret, 'session-42')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a "#" or "=" in a label cannot forge another counter key', () => {
    // Prepare
    const increment = {
      day: '2025-03-01',
      metric: 'interactions' as const,
      dims: { channel: 'chat', queue: 'a#score=1' },
    };
    // Act
    const key = counterKey(TENANT, increment);
    // Assess
    expect(key).toEqual({
      pk: `T#${TENANT}#M#2025-03`,
      sk: '2025-03-01#interactions#channel=chat#queue=a%23score%3D1',
    });
    expect(parseCounterSortKey(key.sk)).toEqual(increment);
  });

  it('what is not a counter key is not read as one', () => {
    expect(parseCounterSortKey('2025-03-01#passwords#channel=chat')).toBeUndefined();
    expect(parseCounterSortKey('GUARD#x')).toBeUndefined();
  });

  it('increments of one counter are summed so a transaction touches it once', () => {
    const merged = mergeIncrements(TENANT, [
      ...eventIncrements({ type: 'click', at: '2025-03-01T10:00:00Z' }, 'UTC', false),
      ...eventIncrements({ type: 'click', at: '2025-03-01T11:00:00Z' }, 'UTC', false),
      ...eventIncrements({ type: 'click', at: '2025-03-02T11:00:00Z' }, 'UTC', false),
    ]);
    expect(merged.map((m) => [m.day, m.by])).toEqual([
      ['2025-03-01', 2],
      ['2025-03-02', 1],
    ]);
  });
});

describe('KPI read-back', () => {
  const web = { userType: 'visitor', source: 'web', environment: 'prod' };
  const counters: StoredCounter[] = [
    { day: '2025-03-01', metric: 'questions', dims: web, value: 40 },
    { day: '2025-03-01', metric: 'clicks', dims: web, value: 10 },
    { day: '2025-03-02', metric: 'questions', dims: { ...web, source: 'app' }, value: 10 },
    { day: '2025-03-02', metric: 'surveys', dims: { channel: 'chat', score: '9' }, value: 2 },
    { day: '2025-03-02', metric: 'surveys', dims: { channel: 'chat', score: '3' }, value: 1 },
  ];

  it('rows per day carry the daily click-through rate (clicks per question)', () => {
    const rows = rollUp(counters, ['day']);
    expect(rows).toEqual([
      { group: { day: '2025-03-01' }, metrics: { questions: 40, clicks: 10 }, clickThroughRate: 0.25 },
      {
        group: { day: '2025-03-02' },
        metrics: { questions: 10, surveys: 3 },
        scoreDistribution: { '9': 2, '3': 1 },
        clickThroughRate: 0,
      },
    ]);
  });

  it('grouping by a dimension a counter lacks puts it under null, listed last', () => {
    const rows = rollUp(counters, ['source']);
    expect(rows.map((r) => [r.group.source, r.metrics])).toEqual([
      ['app', { questions: 10 }],
      ['web', { questions: 40, clicks: 10 }],
      [null, { surveys: 3 }],
    ]);
  });

  it('the rate is undefined without questions', () => {
    expect(clickThroughRate(5, 0)).toBeUndefined();
  });

  it('a range covers every month it touches, across a year end', () => {
    expect(monthsOf('2024-11-30', '2025-02-01')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('a query names bad dates, bad groupings and reversed ranges', () => {
    const bad = KpiQuerySchema.safeParse({ from: '2025-03-02', to: '2025-03-01', groupBy: 'day,colour' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['groupBy.1']);
    const reversed = KpiQuerySchema.safeParse({ from: '2025-03-02', to: '2025-03-01' });
    expect(reversed.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'to: must not be before from',
    ]);
    expect(KpiQuerySchema.parse({ from: '2025-03-01', to: '2025-03-31', groupBy: 'day, channel,day' }).groupBy).toEqual(
      ['day', 'channel'],
    );
  });
});
