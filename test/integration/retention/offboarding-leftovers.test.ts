import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AggregateStore } from '../../../functions/ports/aggregate-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import type { FinalReport, Offboarding } from '../../../functions/usecases/offboarding/offboarding-record';
import type { TerminationView } from '../../../functions/usecases/offboarding/termination-view';
import { callApi } from '../../support/api';
import { homeNames, regions, s3Client } from '../../support/emulators';
import { rawItems } from '../ingest/support';
import { ANNA, chat, DAY, ingest, newTenant, sweep, testContainer, type Tenant } from './support';

/** Keys of the tenant's objects in the exports bucket (every prefix: packages, downloads). */
async function exportsOf(tenantId: string): Promise<string[]> {
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: homeNames().exportBucket }));
  return (out.Contents ?? []).map((o) => o.Key as string).filter((k) => k.includes(`/${tenantId}/`));
}

const aggregatesOf = async (tenantId: string) => (await Promise.all(regions().map((r) => rawItems(r, 'aggregatesTable', tenantId)))).flat();
const recordsOfTenant = async (tenantId: string) => (await Promise.all(regions().map((r) => rawItems(r, 'recordsTable', tenantId)))).flat();

/** A tenant with today's chat and a chat imported from two years before it existed, terminated, its package built. */
async function terminatedWithOldCounters(): Promise<{ tenant: Tenant; purgeAfter: Date }> {
  const tenant = await newTenant('inbenta');
  await chat(tenant);
  const longAgo = new Date(Date.now() - 730 * DAY).toISOString();
  await ingest(tenant, '/v1/interactions', { channel: 'chat', startedAt: longAgo, queue: 'billing', participant: ANNA, consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } } });
  const terminated = await callApi<TerminationView>(`/v1/tenants/${tenant.tenantId}/termination`, { method: 'POST', operator: true });
  if (terminated.status !== 202) throw new Error(`termination answered ${terminated.status}`);
  for (let tries = 0; tries < 120 && (await exportsOf(tenant.tenantId)).length === 0; tries++) await new Promise((r) => setTimeout(r, 250));
  return { tenant, purgeAfter: new Date(terminated.body.purgeAfter) };
}

const reportOf = async (tenant: Tenant) => (await callApi<Offboarding & { finalReport?: FinalReport }>(`/v1/tenants/${tenant.tenantId}/termination`, { operator: true })).body;

/** Stores whose aggregates table silently keeps one counter partition: a purge that believes its own tally would not notice. */
function keepingOneCounterMonth(stores: RegionalStores, month: string): RegionalStores {
  return {
    regions: stores.regions,
    storesFor: (region) => {
      const real = stores.storesFor(region);
      const aggregates: AggregateStore = Object.create(real.aggregates);
      aggregates.deletePartition = async (pk) => (pk.endsWith(`#M#${month}`) ? 0 : real.aggregates.deletePartition(pk));
      return { ...real, aggregates };
    },
  };
}

describe('offboarding purge leaves nothing, and its report counts what is really left', () => {
  it('deletes counters of days outside the tenant\'s life and the offboarding package, and the report says zero because storage holds zero', async () => {
    // Prepare: counters of today and of two years ago; the package in the exports bucket
    const { tenant, purgeAfter } = await terminatedWithOldCounters();
    const months = new Set((await aggregatesOf(tenant.tenantId)).map((i) => String(i.pk).slice(-7)));
    expect(months.size).toBeGreaterThanOrEqual(2);
    expect(await exportsOf(tenant.tenantId)).toHaveLength(1);

    // Act: the grace ends
    const run = await sweep(testContainer(), tenant.tenantId, purgeAfter);

    // Assess: purged, and the report is all zero
    expect(run.failures).toEqual([]);
    const report = await reportOf(tenant);
    expect(report.status).toBe('purged');
    expect(report.finalReport?.remaining).toEqual({ records: 0, indexEntries: 0, otherItems: 0, dataKeys: 0, contentObjects: 0, archiveObjects: 0, exportObjects: 0, aggregates: 0 });
    // Assess, raw storage: no counter of any month, no record, no package
    expect(await aggregatesOf(tenant.tenantId)).toEqual([]);
    expect(await recordsOfTenant(tenant.tenantId)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);
  }, 180_000);

  it('a counter month the purge failed to delete is counted in the report, and the tenant is not marked purged', async () => {
    // Prepare: as above, with an aggregates table that keeps the month of two years ago
    const { tenant, purgeAfter } = await terminatedWithOldCounters();
    const oldMonth = new Date(Date.now() - 730 * DAY).toISOString().slice(0, 7);
    const c = testContainer();

    // Act
    const run = await sweep({ ...c, stores: keepingOneCounterMonth(c.stores, oldMonth) }, tenant.tenantId, purgeAfter);

    // Assess: the report is not the purge's tally: it names the counters storage still holds
    const left = (await aggregatesOf(tenant.tenantId)).length;
    expect(left).toBeGreaterThan(0);
    expect(run.failures.map((f) => f.reason)).toEqual([expect.stringContaining(`${left} aggregates left`)]);
    expect((await reportOf(tenant)).status).toBe('purging');
  }, 180_000);
});
