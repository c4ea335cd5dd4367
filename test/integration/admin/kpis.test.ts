import { as, converse, newTenant, type StaffUser } from './support';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('KPIs by day and dimension, as each role may see them', () => {
  it("a manager's report counts their own group only; an admin's the whole tenant", async () => {
    // Prepare: two chats in sales, three calls in billing
    const tenant = await newTenant();
    for (let i = 0; i < 2; i++) await converse(tenant, { channel: 'chat', group: 'sales' });
    for (let i = 0; i < 3; i++) await converse(tenant, { channel: 'call', group: 'billing' });
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const manager: StaffUser = { tenantId: tenant.tenantId, role: 'manager', user: 'u-manager', group: 'sales' };
    const query = `/v1/kpis?from=${day(-1)}&to=${day(1)}&groupBy=channel`;
    // Act
    const all = await as<{ rows: Array<{ group: Record<string, string>; metrics: Record<string, number> }> }>(
      admin,
      query,
    );
    const mine = await as<{
      rows: Array<{ group: Record<string, string>; metrics: Record<string, number> }>;
      groupBy: string[];
    }>(manager, query);
    // Assess
    expect(all.body.rows.map((r) => [r.group.channel, r.metrics.interactions])).toEqual([
      ['call', 3],
      ['chat', 2],
    ]);
    expect(mine.body.groupBy).toEqual(['channel']);
    expect(mine.body.rows.map((r) => [r.group.channel, r.metrics.interactions])).toEqual([['chat', 2]]);
  });
});
