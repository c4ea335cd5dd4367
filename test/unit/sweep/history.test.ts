import { historyEntryOf, sweepHistorySortKey } from '../../../functions/domain/sweep/history';
import { emptyTally, type SweepReport } from '../../../functions/domain/sweep/summary';

const A = '01HZ8HH500BREB6SQNEZ5BVA77';
const B = '01HZ8HH500BREB6SQNEZ5BVA78';

const report: Pick<SweepReport, 'now' | 'rows' | 'failures'> = {
  now: '2026-03-02T01:00:00.000Z',
  rows: [
    { tenantId: A, dataClass: 'interaction', region: 'eu-central-1', tally: { ...emptyTally(), due: 2, sealed: 2 } },
    { tenantId: B, dataClass: 'recording', region: 'eu-north-1', tally: { ...emptyTally(), due: 1, deleted: 1 } },
  ],
  failures: [
    { tenantId: B, region: 'eu-north-1', dataClass: 'recording', pk: 'T#x#I#y', sk: 'REC#1', reason: 'Boom: gone' },
  ],
};

describe("one tenant's entry of the sweep history", () => {
  it("holds that tenant's counts and nothing of another tenant", () => {
    // Act
    const entry = historyEntryOf(report, A, true, new Date('2026-03-02T01:05:00Z'));
    // Assess
    expect(entry).toEqual({
      sweptAt: '2026-03-02T01:00:00.000Z',
      recordedAt: '2026-03-02T01:05:00.000Z',
      complete: true,
      rows: [{ dataClass: 'interaction', region: 'eu-central-1', tally: { ...emptyTally(), due: 2, sealed: 2 } }],
      failures: [],
    });
  });

  it('is incomplete with a failure of the tenant, and keeps the failure without its record keys', () => {
    // Act
    const entry = historyEntryOf(report, B, true, new Date('2026-03-02T01:05:00Z'));
    // Assess
    expect(entry.complete).toBe(false);
    expect(entry.failures).toEqual([{ dataClass: 'recording', region: 'eu-north-1', reason: 'Boom: gone' }]);
  });

  it('is incomplete when the run stopped before the last unit of the tenant', () => {
    // Act
    const entry = historyEntryOf(report, A, false, new Date('2026-03-02T01:05:00Z'));
    // Assess
    expect(entry.complete).toBe(false);
  });

  it('sorts by the night swept, so a reverse read gives the latest night first', () => {
    // Act
    const keys = ['2026-03-01T01:00:00.000Z', '2026-03-03T01:00:00.000Z', '2026-03-02T01:00:00.000Z'].map((at) =>
      sweepHistorySortKey(at, '01J00000000000000000000000'),
    );
    // Assess
    expect(
      [...keys]
        .sort()
        .reverse()
        .map((k) => k.split('#')[1]),
    ).toEqual(['2026-03-03T01:00:00.000Z', '2026-03-02T01:00:00.000Z', '2026-03-01T01:00:00.000Z']);
  });
});
