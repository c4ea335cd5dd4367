import type { Actor } from '../../../functions/domain/access/authorize';
import { kpiReport } from '../../../functions/usecases/admin/kpi-access';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { rawItems } from '../ingest/support';
import { testContainer } from '../retention/support';
import { regions } from '../../support/emulators';
import { converse, newTenant } from './support';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('KPI reads follow exact expiry', () => {
  it('counters past their 3 years count for nothing from their expiry instant, before any sweep removes them', async () => {
    // Prepare: two calls of the sales group counted today (Puzzel: aggregates kept 3 years)
    const tenant = await newTenant('puzzel');
    for (let i = 0; i < 2; i++) await converse(tenant, { channel: 'call', group: 'sales' });
    const counters = (await Promise.all(regions().map((r) => rawItems(r, 'aggregatesTable', tenant.tenantId)))).flat();
    const expiry = new Date(Math.min(...counters.map((c) => Number(c.expiresAt))) * 1000);
    const deps = testContainer(new Date(expiry.getTime() - 1000));
    const admin: Actor = { tenantId: tenant.tenantId, userId: 'u-admin', role: 'admin', support: false };
    const manager: Actor = {
      tenantId: tenant.tenantId,
      userId: 'u-manager',
      role: 'manager',
      group: 'sales',
      support: false,
    };
    const query = { from: day(-1), to: day(1), groupBy: 'channel' };
    const interactions = async (actor: Actor) =>
      (await kpiReport(adminDepsOf(deps), { actor }, query)).rows.map((r) => [r.group.channel, r.metrics.interactions]);

    // Act / Assess: one second before the counters' expiry they are read as stored
    expect(await interactions(admin)).toEqual([['call', 2]]);
    expect(await interactions(manager)).toEqual([['call', 2]]);

    // Act: at the expiry instant, no sweep run
    deps.clock.set(expiry);
    const atExpiry = await interactions(admin);
    const ofGroup = await interactions(manager);

    // Assess: nothing is reported, though every counter is still stored
    expect(atExpiry).toEqual([]);
    expect(ofGroup).toEqual([]);
    expect(
      (await Promise.all(regions().map((r) => rawItems(r, 'aggregatesTable', tenant.tenantId)))).flat(),
    ).toHaveLength(counters.length);
  });
});
