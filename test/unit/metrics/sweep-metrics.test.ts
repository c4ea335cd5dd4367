import { InMemoryMetrics } from '../../../functions/adapters/metrics/in-memory-metrics';
import type { DataClass } from '../../../functions/domain/data-class';
import { emptyTally, type Tally } from '../../../functions/domain/sweep/summary';
import type { SweepRun } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { countSweep } from '../../../functions/usecases/nightly-sweep/sweep-metrics';

const row = (tenantId: string, dataClass: DataClass, region: string, tally: Partial<Tally>) => ({
  tenantId,
  dataClass,
  region,
  tally: { ...emptyTally(), ...tally },
});
const run = (over: Partial<SweepRun>): SweepRun => ({
  now: '2027-03-01T01:15:00.000Z',
  dryRun: false,
  rows: [],
  policyChanges: [],
  failures: [],
  complete: true,
  unitsDone: 4,
  unitsTotal: 4,
  ...over,
});

describe('the business metrics of a sweep', () => {
  it('counts records deleted, anonymised, archived and sealed per class, summed over tenants and regions', () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    const rows = [
      row('T1', 'transcript', 'eu-central-1', { deleted: 3, sealed: 1 }),
      row('T2', 'transcript', 'us-east-1', { deleted: 2 }),
      row('T1', 'interaction', 'eu-central-1', { anonymised: 5, archived: 4 }),
    ];
    // Act
    countSweep(metrics, run({ rows }), { everyTenant: true });
    // Assess
    expect(metrics.total('RecordsDeleted', { dataClass: 'transcript' })).toBe(5);
    expect(metrics.total('RecordsSealed', { dataClass: 'transcript' })).toBe(1);
    expect(metrics.total('RecordsAnonymised', { dataClass: 'interaction' })).toBe(5);
    expect(metrics.total('RecordsArchived', { dataClass: 'interaction' })).toBe(4);
    expect(metrics.total('RecordsDeleted', { dataClass: 'interaction' })).toBe(0);
  });

  it('counts a completed sweep only when it covered every tenant and reached every unit', () => {
    // Prepare
    const [whole, oneTenant, stopped] = [new InMemoryMetrics(), new InMemoryMetrics(), new InMemoryMetrics()];
    // Act
    countSweep(whole, run({}), { everyTenant: true });
    countSweep(oneTenant, run({}), { everyTenant: false });
    countSweep(stopped, run({ complete: false, unitsDone: 2, nextUnit: 'T1|eu-central-1|transcript' }), {
      everyTenant: true,
    });
    // Assess
    expect([whole, oneTenant, stopped].map((m) => m.total('SweepsCompleted'))).toEqual([1, 0, 0]);
  });

  it('counts nothing for a dry run, which changed nothing', () => {
    // Prepare
    const metrics = new InMemoryMetrics();
    // Act
    countSweep(metrics, run({ dryRun: true, rows: [row('T1', 'transcript', 'eu-central-1', { deleted: 3 })] }), {
      everyTenant: true,
    });
    // Assess
    expect(metrics.total('RecordsDeleted')).toBe(0);
    expect(metrics.total('SweepsCompleted')).toBe(0);
  });
});
