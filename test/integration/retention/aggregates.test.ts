import { presetPolicy } from '../../../functions/domain/policy/presets';
import { aggregateMonthExpiry } from '../../../functions/domain/sweep/aggregate-months';
import { SweepTallies } from '../../../functions/domain/sweep/summary';
import { exportArchiveCsv } from '../../../functions/usecases/retention/archive-export';
import { sweepAggregates } from '../../../functions/usecases/retention/sweep-aggregates';
import { rawItems } from '../ingest/support';
import { ingest, newTenant, objectsUnder, recordsOf, testContainer } from './support';

describe('Inbenta preset: KPI aggregates kept 3 years, then archived like raw data', () => {
  it('archives a month of counters once its last day is 3 years old, leaves a pointer the sweep deletes 2 years later, and exports it as CSV', async () => {
    // Prepare: counters of today's events
    const tenant = await newTenant('inbenta');
    await ingest(tenant, '/v1/events', {
      events: [
        {
          id: 'c1',
          type: 'click',
          userType: 'visitor',
          source: 'web',
          environment: 'production',
          at: new Date().toISOString(),
        },
      ],
    });
    const counters = await rawItems('eu-central-1', 'aggregatesTable', tenant.tenantId);
    expect(counters.length).toBeGreaterThan(0);
    const month = counters[0].pk.split('#').at(-1)!;
    const due = aggregateMonthExpiry(month, presetPolicy('inbenta'));
    const deps = testContainer(due);
    const out = { tallies: new SweepTallies(), failures: [], policyChanges: [] };
    const sweepAt = (now: Date) =>
      sweepAggregates(deps, {
        tenantId: tenant.tenantId,
        policy: presetPolicy('inbenta'),
        region: 'eu-central-1',
        now,
        firstDay: new Date().toISOString().slice(0, 10),
        dryRun: false,
        out,
      });

    // Act: one second before the month is due, then at the instant
    await sweepAt(new Date(due.getTime() - 1000));
    const before = (await rawItems('eu-central-1', 'aggregatesTable', tenant.tenantId)).length;
    await sweepAt(due);

    // Assess: counters gone from the aggregates table, archived as one object, a pointer in the records table
    expect(before).toBe(counters.length);
    expect(await rawItems('eu-central-1', 'aggregatesTable', tenant.tenantId)).toEqual([]);
    expect(await objectsUnder('archiveBucket', `aggregate/${tenant.tenantId}/`)).toEqual([
      `aggregate/${tenant.tenantId}/${due.toISOString().slice(0, 7).replace('-', '/')}/${month}.json`,
    ]);
    const pointer = (await recordsOf(tenant.tenantId)).find((i) => i.sk === 'ARCHIVED#COUNTERS')!;
    expect(pointer).toMatchObject({ class: 'aggregate', tier: 'archived' });
    expect(new Date((pointer.expiresAt as number) * 1000).getUTCFullYear() - due.getUTCFullYear()).toBe(2);
    expect(out.tallies.sorted()).toEqual([
      expect.objectContaining({
        dataClass: 'aggregate',
        tally: expect.objectContaining({ due: counters.length, archived: counters.length }),
      }),
    ]);
    const { csv, records } = await exportArchiveCsv(deps, {
      tenantId: tenant.tenantId,
      dataClass: 'aggregate',
      fromMonth: due.toISOString().slice(0, 7),
      toMonth: due.toISOString().slice(0, 7),
      actor: { user: 'admin', role: 'admin', support: false },
      source: '192.0.2.0/24',
    });
    expect(records).toBe(counters.length);
    expect(csv).toContain('clicks');
  });
});
