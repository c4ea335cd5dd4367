import { buildCertificate, type Verification } from '../../../functions/domain/subject-requests/certificate';
import { mergeInventories, type Inventory } from '../../../functions/domain/subject-requests/inventory';

const pass = (at: string, interactions: number, held: Inventory['held'] = []): Inventory => ({
  at,
  regions: ['eu-central-1'],
  keysSearched: 1,
  partitions: interactions,
  counts: [
    { region: 'eu-central-1', store: 'records', dataClass: 'interaction', count: interactions },
    { region: 'eu-central-1', store: 'keys', count: interactions },
  ],
  held,
  litigation: [],
  restrictedRecords: 0,
  holdings: [
    { dataClass: 'interaction', count: interactions, regions: ['eu-central-1'], firstExpiry: at, lastExpiry: at },
  ],
});
const hold = {
  partitionId: '01HELD0000000000000000000',
  kind: 'interaction' as const,
  regions: ['eu-central-1'],
  classes: ['interaction' as const],
  records: 1,
  holdIds: ['H1'],
};
const left = (remaining: number): Verification => ({
  method: 'subject-index re-scan',
  at: '2025-03-01T09:05:00.000Z',
  regions: ['eu-central-1'],
  keysChecked: 1,
  remaining,
  retained: 1,
  ok: remaining === 0,
});

describe('an erasure that takes several passes', () => {
  it("counts what every pass found, keeps the first pass's time and the latest holds", () => {
    // Act
    const merged = mergeInventories(
      pass('2025-03-01T09:00:00.000Z', 127),
      pass('2025-03-01T09:03:00.000Z', 41, [hold]),
    );
    // Assess
    expect(merged.counts).toEqual([
      { region: 'eu-central-1', store: 'records', dataClass: 'interaction', count: 168 },
      { region: 'eu-central-1', store: 'keys', count: 168 },
    ]);
    expect(merged).toMatchObject({ at: '2025-03-01T09:00:00.000Z', partitions: 168, held: [hold] });
    expect(merged.holdings).toEqual([
      {
        dataClass: 'interaction',
        count: 168,
        regions: ['eu-central-1'],
        firstExpiry: '2025-03-01T09:00:00.000Z',
        lastExpiry: '2025-03-01T09:03:00.000Z',
      },
    ]);
  });

  it('ended incomplete: its certificate says so and why, counts what it did, and what remains', () => {
    // Act
    const c = buildCertificate({
      requestId: '01REQUEST00000000000000000',
      tenantId: '01TENANT000000000000000000',
      type: 'erase',
      round: 1,
      requestedAt: '2025-03-01T08:59:00.000Z',
      searchedBy: ['email'],
      options: {},
      inventory: pass('2025-03-01T09:00:00.000Z', 10, [hold]),
      verification: left(3),
      outcome: 'incomplete',
      incompleteBecause: 'records kept arriving',
      completedAt: new Date('2025-03-01T09:06:00.000Z'),
      keptUntil: new Date('2030-03-01T09:06:00.000Z'),
      litigationBasis: 'legal_obligation',
      keyBackupDays: 35,
    });
    // Assess
    expect(c).toMatchObject({
      outcome: 'incomplete',
      incompleteBecause: 'records kept arriving',
      verification: { ok: false, remaining: 3 },
      deferred: { holdIds: ['H1'], partitions: 1 },
    });
    expect(c.lines.map((l) => [l.store, l.found, l.done])).toEqual([
      ['records', 10, 10],
      ['keys', 10, 10],
    ]);
  });
});
