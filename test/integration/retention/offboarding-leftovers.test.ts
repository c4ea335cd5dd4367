import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { AggregateStore } from '../../../functions/ports/aggregate-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import type { FinalReport, Offboarding } from '../../../functions/usecases/offboarding/offboarding-record';
import type { SealingScope } from '../../../functions/usecases/personal-data/personal-data-vault';
import type { TerminationView } from '../../../functions/usecases/offboarding/termination-view';
import { callApi } from '../../support/api';
import { bulkDownloadKey } from '../../../functions/domain/copies/copy-keys';
import { newCopy } from '../../../functions/domain/copies/derived-copy';
import { registerCopy } from '../../../functions/usecases/copies/copy-registry';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import { homeNames, homeRegion, regions, s3Client } from '../../support/emulators';
import { rawItems } from '../ingest/support';
import {
  ANNA,
  chat,
  DAY,
  ingest,
  newTenant,
  objectsUnder,
  recordedCall,
  sortKeys,
  sweep,
  testContainer,
  uploadedRecording,
  type Tenant,
} from './support';

/** Keys of the tenant's objects in the exports bucket (every prefix: packages, downloads). */
async function exportsOf(tenantId: string): Promise<string[]> {
  const out = await s3Client().send(new ListObjectsV2Command({ Bucket: homeNames().exportBucket }));
  return (out.Contents ?? []).map((o) => o.Key as string).filter((k) => k.includes(`/${tenantId}/`));
}

const aggregatesOf = async (tenantId: string) =>
  (await Promise.all(regions().map((r) => rawItems(r, 'aggregatesTable', tenantId)))).flat();
const recordsOfTenant = async (tenantId: string) =>
  (await Promise.all(regions().map((r) => rawItems(r, 'recordsTable', tenantId)))).flat();
const keysOfTenant = async (tenantId: string) =>
  (await Promise.all(regions().map((r) => rawItems(r, 'keysTable', tenantId)))).flat();

/** The region whose records table holds the partition. */
async function regionHolding(tenantId: string, pk: string): Promise<string> {
  for (const region of regions())
    if ((await rawItems(region, 'recordsTable', tenantId)).some((i) => i.pk === pk)) return region;
  throw new Error(`no region holds ${pk}`);
}

/** Terminates the tenant and waits for its package in the exports bucket. */
async function terminated(tenant: Tenant): Promise<{ purgeAfter: Date }> {
  const before = (await exportsOf(tenant.tenantId)).length;
  const termination = await callApi<TerminationView>(`/v1/tenants/${tenant.tenantId}/termination`, {
    method: 'POST',
    operator: true,
  });
  if (termination.status !== 202) throw new Error(`termination answered ${termination.status}`);
  for (let tries = 0; tries < 120 && (await exportsOf(tenant.tenantId)).length === before; tries++)
    await new Promise((r) => setTimeout(r, 250));
  return { purgeAfter: new Date(termination.body.purgeAfter) };
}

/** A tenant with today's chat and a chat imported from two years before it existed, terminated, its package built. */
async function terminatedWithOldCounters(): Promise<{ tenant: Tenant; purgeAfter: Date }> {
  const tenant = await newTenant('inbenta');
  await chat(tenant);
  const longAgo = new Date(Date.now() - 730 * DAY).toISOString();
  await ingest(tenant, '/v1/interactions', {
    channel: 'chat',
    startedAt: longAgo,
    queue: 'billing',
    participant: ANNA,
    consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } },
  });
  return { tenant, ...(await terminated(tenant)) };
}

const reportOf = async (tenant: Tenant) =>
  (
    await callApi<Offboarding & { finalReport?: FinalReport }>(`/v1/tenants/${tenant.tenantId}/termination`, {
      operator: true,
    })
  ).body;

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
  it("deletes counters of days outside the tenant's life and the offboarding package, and the report says zero because storage holds zero", async () => {
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
    expect(report.finalReport?.remaining).toEqual({
      records: 0,
      indexEntries: 0,
      otherItems: 0,
      dataKeys: 0,
      contentObjects: 0,
      archiveObjects: 0,
      exportObjects: 0,
      aggregates: 0,
    });
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

describe('a legal hold beats the offboarding purge on every store', () => {
  it('a held call keeps its records, data key, audio and derived copy through the purge; the tenant stays purging naming the hold; after release the next purge removes everything', async () => {
    // Prepare: a held call with uploaded audio and a registered bulk download of it; another, unheld chat; the tenant terminated
    const tenant = await newTenant('inbenta');
    const other = await chat(tenant);
    const callId = await recordedCall(tenant);
    await uploadedRecording(tenant, callId);
    const heldPk = `T#${tenant.tenantId}#I#${callId}`;
    const c = testContainer();
    const copy = newCopy(
      'bulk-download',
      {
        bucket: 'exports',
        region: homeRegion(),
        objectKey: bulkDownloadKey(tenant.tenantId, 'held-download'),
        contains: ['interaction'],
      },
      new Date(),
    );
    await registerCopy(c, tenant.tenantId, [heldPk], copy);
    await c.exports.put(copy.objectKey, Buffer.from('zip of the held call'));
    const hold = await callApi<{ holdId: string }>('/v1/holds', {
      body: { interactionId: callId, reason: 'claim 2026-51' },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(hold.status).toBe(201);
    const { purgeAfter } = await terminated(tenant);
    const heldItems = sortKeys(await recordsOfTenant(tenant.tenantId), heldPk);
    const audio = await objectsUnder('contentBucket', `upload/${tenant.tenantId}/${callId}/`);
    expect(audio).toHaveLength(1);

    // Act: the grace ends
    const run = await sweep(c, tenant.tenantId, purgeAfter);

    // Assess: the held call is whole in raw storage, the other chat is gone
    expect(run.failures).toEqual([]);
    const records = await recordsOfTenant(tenant.tenantId);
    expect(sortKeys(records, heldPk)).toEqual(heldItems);
    expect(records.filter((i) => i.pk === other.pk)).toEqual([]);
    expect(await objectsUnder('contentBucket', `upload/${tenant.tenantId}/${callId}/`)).toEqual(audio);
    expect(await exportsOf(tenant.tenantId)).toEqual([copy.objectKey]);
    expect((await keysOfTenant(tenant.tenantId)).map((k) => k.dekId)).toContain(callId);
    // Assess: what the hold keeps still opens: the key-encryption key wrapping its data key stays too
    const sealedItem = records.find((i) => i.pk === heldPk && typeof i.sealed === 'string');
    const heldRegion = await regionHolding(tenant.tenantId, heldPk);
    const scope = { region: heldRegion, tenantId: tenant.tenantId, dataClass: sealedItem?.class, partitionId: callId };
    await expect(
      testContainer().vault.open(scope as SealingScope, sealedItem?.sealed as string),
    ).resolves.toBeInstanceOf(Buffer);
    // Assess: the tenant is not purged; the report names the hold and counts what it keeps as retained
    const held = await reportOf(tenant);
    expect(held.status).toBe('purging');
    expect(held.finalReport?.heldBy).toEqual([hold.body.holdId]);
    expect(held.finalReport?.retained).toMatchObject({ heldRecords: expect.any(Number), heldObjects: 2 });
    expect(held.finalReport?.retained.heldRecords).toBeGreaterThan(0);
    expect(Object.values(held.finalReport?.remaining ?? {})).toEqual(
      Object.values(held.finalReport?.remaining ?? {}).map(() => 0),
    );

    // Act: counsel releases the hold; the next sweep purges again
    await releaseHold(
      c,
      { tenantId: tenant.tenantId, userId: 'u-legal', role: 'legal', support: false, from: 'test' },
      hold.body.holdId,
    );
    await sweep(c, tenant.tenantId, purgeAfter);

    // Assess: purged, nothing left anywhere
    const purged = await reportOf(tenant);
    expect(purged.status).toBe('purged');
    expect(purged.finalReport?.heldBy).toBeUndefined();
    expect(await recordsOfTenant(tenant.tenantId)).toEqual([]);
    expect(await objectsUnder('contentBucket', `upload/${tenant.tenantId}/`)).toEqual([]);
    expect(await exportsOf(tenant.tenantId)).toEqual([]);
  }, 240_000);
});

describe('a legal hold on a sealed litigation batch beats the offboarding purge', () => {
  it('the tenant of a held, sealed call stays purging, the report naming the hold and the batch retained', async () => {
    // Prepare: an iAdvize call sealed into a litigation batch at its 12 months (its live records deleted), held; the tenant terminated
    const tenant = await newTenant('iadvize');
    const c = testContainer();
    const call = await chat(tenant, ANNA, 'call');
    const infoExpiry = Math.max(
      ...(await recordsOfTenant(tenant.tenantId))
        .filter((i) => i.pk === call.pk && i.sk === 'INFO')
        .map((i) => (i.expiresAt as number) * 1000),
    );
    await sweep(c, tenant.tenantId, new Date(infoExpiry));
    const hold = await callApi<{ holdId: string }>('/v1/holds', {
      body: { interactionId: call.interactionId, reason: 'claim 2026-54' },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(hold.status).toBe(201);
    const { purgeAfter } = await terminated(tenant);

    // Act: the grace ends
    await sweep(c, tenant.tenantId, new Date(Math.max(purgeAfter.getTime(), infoExpiry)));

    // Assess: not purged; the hold is named and the batch retained
    const held = await reportOf(tenant);
    expect(held.status).toBe('purging');
    expect(held.finalReport?.heldBy).toEqual([hold.body.holdId]);
    const batches = (await listBatches(c.stores, tenant.tenantId)).length;
    expect(batches).toBeGreaterThan(0);
    expect(held.finalReport?.retained.litigationBatches).toBe(batches);
  }, 420_000);
});
