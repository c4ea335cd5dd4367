import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { localAdminToken } from '../../../functions/cli/commands/token';
import { terminateTenant } from '../../../functions/usecases/offboarding/terminate-tenant';
import { TALLY_COLUMNS } from '../../../functions/domain/sweep/summary';
import type { SweepHistoryPage } from '../../../functions/usecases/admin/sweep-history-admin';
import { callApi } from '../../support/api';
import { dynamoDbClient, homeNames } from '../../support/emulators';
import { ANNA, chat, newTenant, recordsOf, sweep, tallyOf, testContainer, type Tenant } from './support';

/** The tenant's sweep history as `role` reads it through the API. */
async function historyAs(tenant: Tenant, role: 'admin' | 'legal', query = ''): Promise<SweepHistoryPage> {
  const token = await localAdminToken({ tenant: tenant.tenantId, role, user: `${role}-1`, hours: '1' });
  const res = await callApi<SweepHistoryPage>(`/v1/sweep-history${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (res.status !== 200) throw new Error(`GET /v1/sweep-history answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The tenant's sweep-history items as the directory table stores them. */
async function rawHistory(tenantId: string): Promise<Array<Record<string, unknown>>> {
  const out = await DynamoDBDocumentClient.from(dynamoDbClient()).send(
    new QueryCommand({
      TableName: homeNames().directoryTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':h': 'SWEEPLOG#' },
    }),
  );
  return out.Items ?? [];
}

/** An iAdvize call past its 12 months: the sweep seals its general info for the litigation archive. */
async function expiredCall(): Promise<{ tenant: Tenant; expiry: Date }> {
  const tenant = await newTenant('iadvize');
  const call = await chat(tenant, ANNA, 'call');
  const expiries = (await recordsOf(tenant.tenantId))
    .filter((i) => i.pk === call.pk && i.sk === 'INFO')
    .map((i) => (i.expiresAt as number) * 1000);
  return { tenant, expiry: new Date(Math.max(...expiries)) };
}

describe('the sweep history: what each night did to a tenant, per class and region', () => {
  it('keeps each run the sweep made (never a dry run) with its counts per class and region, newest first, for admin and legal', async () => {
    // Prepare
    const { tenant, expiry } = await expiredCall();
    const deps = testContainer();
    await sweep(deps, tenant.tenantId, new Date(expiry.getTime() - 86_400_000));
    await sweep(deps, tenant.tenantId, expiry, { dryRun: true });
    // Act
    const run = await sweep(deps, tenant.tenantId, expiry);
    const asAdmin = await historyAs(tenant, 'admin');
    const asLegal = await historyAs(tenant, 'legal');
    // Assess: two runs, the dry run left out, the latest night first
    expect(asAdmin.items.map((i) => i.sweptAt)).toEqual([
      expiry.toISOString(),
      new Date(expiry.getTime() - 86_400_000).toISOString(),
    ]);
    expect(asLegal).toEqual(asAdmin);
    const [latest] = asAdmin.items;
    const sealed = latest.rows.filter((r) => r.dataClass === 'interaction').reduce((n, r) => n + r.tally.sealed, 0);
    expect(sealed).toBe(tallyOf(run, tenant.tenantId, 'interaction').sealed);
    expect(sealed).toBeGreaterThan(0);
    expect(latest.rows.every((r) => typeof r.region === 'string' && r.region.length > 0)).toBe(true);
    expect(latest).toMatchObject({ complete: run.complete, failures: [] });
    expect(Object.keys(latest.rows[0].tally)).toEqual([...TALLY_COLUMNS]);
  });

  it('pages through the runs with a nextToken, and stores no identifier of anyone swept, each entry with its TTL', async () => {
    // Prepare
    const { tenant, expiry } = await expiredCall();
    const deps = testContainer();
    for (const days of [2, 1, 0]) await sweep(deps, tenant.tenantId, new Date(expiry.getTime() - days * 86_400_000));
    // Act
    const first = await historyAs(tenant, 'admin', '?limit=2');
    const second = await historyAs(tenant, 'admin', `?limit=2&nextToken=${encodeURIComponent(first.nextToken ?? '')}`);
    // Assess
    expect([...first.items, ...second.items].map((i) => i.sweptAt)).toEqual(
      [0, 1, 2].map((days) => new Date(expiry.getTime() - days * 86_400_000).toISOString()),
    );
    expect(second.nextToken).toBeUndefined();
    const raw = await rawHistory(tenant.tenantId);
    expect(raw.every((item) => typeof item.expiresAt === 'number')).toBe(true);
    const stored = JSON.stringify(raw);
    expect(stored).toContain('SWEEPLOG#');
    for (const identifier of [ANNA.email, ANNA.phone.replace(/\D/g, ''), ANNA.name])
      expect(stored).not.toContain(identifier);
  });

  it("goes with a terminated tenant's other data when the purge runs", async () => {
    // Prepare: a terminated tenant, swept the night before its grace ends
    const tenant = await newTenant('inbenta');
    await chat(tenant);
    const deps = testContainer();
    const { purgeAfter } = await terminateTenant(
      { ...deps, packageBuilds: { start: async () => undefined } },
      { tenantId: tenant.tenantId, actor: { user: 'operator', role: 'system', support: false }, from: 'test' },
    );
    await sweep(deps, tenant.tenantId, new Date(Date.parse(purgeAfter) - 1000));
    const before = await rawHistory(tenant.tenantId);
    // Act: the night the grace ends
    await sweep(deps, tenant.tenantId, new Date(purgeAfter));
    // Assess
    expect(before).toHaveLength(1);
    expect(await rawHistory(tenant.tenantId)).toEqual([]);
  });

  it('answers a limit out of range with a 400 naming limit', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    // Act
    const res = await callApi<{ error: { fields: Array<{ path: string }> } }>('/v1/sweep-history?limit=1000', {
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path)).toEqual(['limit']);
  });
});
