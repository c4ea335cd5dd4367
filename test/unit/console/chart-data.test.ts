import {
  averageWaitAndTalk,
  axisTop,
  daysBetween,
  highest,
  interactionsByChannel,
  removalsPerNight,
  requestsPerDay,
  surveyScores,
} from '../../../console/lib/chart-data.js';

/** A KPI report row as GET /v1/kpis?groupBy=day,channel answers it. */
const row = (
  day: string,
  channel: string,
  metrics: Record<string, number>,
  scoreDistribution?: Record<string, number>,
) => ({
  group: { day, channel },
  metrics,
  ...(scoreDistribution ? { scoreDistribution } : {}),
});

describe('chart data shaped from the KPI report', () => {
  it('lists every day of the range, the last one included, across a month end', () => {
    // Act
    const days = daysBetween('2026-02-27', '2026-03-02');

    // Assess
    expect(days).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
  });

  it('gives one series per channel with activity, a value per day of the range, 0 on a silent day', () => {
    // Prepare
    const report = {
      from: '2026-03-01',
      to: '2026-03-03',
      rows: [
        row('2026-03-01', 'chat', { interactions: 4 }),
        row('2026-03-01', 'call', { interactions: 2 }),
        row('2026-03-03', 'chat', { interactions: 1 }),
        row('2026-03-03', 'sms', { surveys: 1 }),
      ],
    };

    // Act
    const data = interactionsByChannel(report);

    // Assess
    expect(data).toEqual({
      labels: ['2026-03-01', '2026-03-02', '2026-03-03'],
      series: [
        { name: 'call', values: [2, 0, 0] },
        { name: 'chat', values: [4, 0, 1] },
      ],
    });
  });

  it('averages wait and talk over the interactions ended that day, summed across channels; none ended is no value', () => {
    // Prepare
    const report = {
      from: '2026-03-01',
      to: '2026-03-02',
      rows: [
        row('2026-03-01', 'chat', { endedInteractions: 2, waitSeconds: 60, talkSeconds: 300 }),
        row('2026-03-01', 'call', { endedInteractions: 1, waitSeconds: 30, talkSeconds: 600 }),
        row('2026-03-02', 'chat', { interactions: 3 }),
      ],
    };

    // Act
    const data = averageWaitAndTalk(report);

    // Assess
    expect(data.series).toEqual([
      { name: 'Wait', values: [30, null] },
      { name: 'Talk', values: [300, null] },
    ]);
  });

  it('counts surveys per score 0 to 10 over every row and gives their mean', () => {
    // Prepare
    const report = {
      rows: [
        row('2026-03-01', 'chat', { surveys: 3 }, { '10': 2, '4': 1 }),
        row('2026-03-02', 'call', { surveys: 1 }, { '0': 1 }),
      ],
    };

    // Act
    const data = surveyScores(report);

    // Assess
    expect(data.labels).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(data.series[0].values).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(data.surveys).toBe(4);
    expect(data.averageScore).toBe(6);
  });

  it('has no mean score without surveys', () => {
    // Act
    const data = surveyScores({ rows: [row('2026-03-01', 'chat', { interactions: 1 })] });

    // Assess
    expect(data.averageScore).toBeNull();
    expect(data.surveys).toBe(0);
  });
});

describe('chart data shaped from the privacy KPIs', () => {
  const privacy = {
    from: '2026-03-01',
    to: '2026-03-03',
    requests: { filedPerDay: [{ day: '2026-03-02', filed: 2, completed: 1 }] },
    nights: [{ night: '2026-03-03', deleted: 5, anonymised: 2 }],
  };

  it('gives requests filed and completed per day of the range', () => {
    // Act
    const data = requestsPerDay(privacy);

    // Assess
    expect(data.series).toEqual([
      { name: 'Filed', values: [0, 2, 0] },
      { name: 'Completed', values: [0, 1, 0] },
    ]);
  });

  it('gives deleted and anonymised records per night, 0 on a night with no sweep recorded', () => {
    // Act
    const data = removalsPerNight(privacy);

    // Assess
    expect(data.labels).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(data.series).toEqual([
      { name: 'Deleted', values: [0, 0, 5] },
      { name: 'Anonymised', values: [0, 0, 2] },
    ]);
  });
});

describe('chart scale', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [250, 500],
    [501, 1000],
  ])('puts the axis top for a largest value of %d at %d', (max, top) => {
    // Act, Assess
    expect(axisTop(max)).toBe(top);
  });

  it('scales stacked bars to the tallest stack and side-by-side bars to the largest bar', () => {
    // Prepare
    const data = {
      labels: ['a', 'b'],
      series: [
        { name: 'x', values: [3, 1] },
        { name: 'y', values: [4, null] },
      ],
    };

    // Act, Assess
    expect(highest(data, true)).toBe(7);
    expect(highest(data, false)).toBe(4);
  });
});
