import { reportOfGroup } from '../../../functions/domain/access/group-report';
import type { KpiReport } from '../../../functions/domain/kpi/report';

describe("a manager's KPI report holds their own group only", () => {
  it('rows of other groups and of no group are left out, and the rest summed back to what was asked', () => {
    // Prepare: a report read by day, channel and group
    const report: KpiReport = {
      from: '2024-03-01',
      to: '2024-03-02',
      timeZone: 'Europe/Stockholm',
      groupBy: ['day', 'channel', 'group'],
      rows: [
        {
          group: { day: '2024-03-01', channel: 'chat', group: 'sales' },
          metrics: { interactions: 2, surveys: 2 },
          scoreDistribution: { '9': 1, '10': 1 },
        },
        { group: { day: '2024-03-01', channel: 'call', group: 'sales' }, metrics: { interactions: 1 } },
        {
          group: { day: '2024-03-02', channel: 'chat', group: 'sales' },
          metrics: { interactions: 4, surveys: 1 },
          scoreDistribution: { '3': 1 },
        },
        { group: { day: '2024-03-01', channel: 'chat', group: 'billing' }, metrics: { interactions: 50 } },
        { group: { day: '2024-03-01', channel: null, group: null }, metrics: { questions: 7 } },
      ],
    };
    // Act
    const byChannel = reportOfGroup(report, 'sales', ['channel']);
    // Assess
    expect(byChannel.groupBy).toEqual(['channel']);
    expect(byChannel.rows).toEqual([
      { group: { channel: 'call' }, metrics: { interactions: 1 } },
      {
        group: { channel: 'chat' },
        metrics: { interactions: 6, surveys: 3 },
        scoreDistribution: { '3': 1, '9': 1, '10': 1 },
      },
    ]);
  });
});
