import { batchSortKey, litigationPartition } from '../../../functions/domain/litigation/registry';
import { bucketForExpiry } from '../../../functions/domain/sweep/checkpoint';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import { callApi } from '../../support/api';
import {
  ANNA,
  chat,
  DAY,
  newTenant,
  objectsUnder,
  recordsOf,
  SECOND,
  sweep,
  tallyOf,
  testContainer,
  type Tenant,
} from './support';

const asAdmin = <T>(tenant: Tenant, path: string, body: unknown) =>
  callApi<T>(path, { body, headers: { authorization: `Bearer ${tenant.adminToken}` } });

/**
 * An iAdvize call swept at its 12 months (sealed, then deleted), and its batch's retention brought
 * forward to the next day, so one more night of sweeping reaches it (5 real years of nightly
 * sweeps would only add empty days to read).
 */
async function sealedCallEndingTomorrow(tenant: Tenant) {
  const deps = testContainer();
  const call = await chat(tenant, ANNA, 'call');
  const infoExpiry = Math.max(
    ...(await recordsOf(tenant.tenantId))
      .filter((i) => i.pk === call.pk && i.sk === 'INFO')
      .map((i) => (i.expiresAt as number) * SECOND),
  );
  await sweep(deps, tenant.tenantId, new Date(infoExpiry));
  const batch = (await listBatches(deps.stores, tenant.tenantId)).find((b) => b.sealedClass === 'interaction')!;
  const ends = Math.floor((infoExpiry + DAY) / SECOND);
  const key = { pk: litigationPartition(tenant.tenantId), sk: batchSortKey(batch.batchId) };
  await deps.stores.storesFor(batch.region).records.update(key, {
    set: {
      expiresAt: ends,
      expiryBucket: bucketForExpiry(tenant.tenantId, 'litigation', ends, `${key.pk}|${key.sk}`, new Date(infoExpiry)),
    },
  });
  return { deps, call, batch, ends: new Date(ends * SECOND) };
}

const batchesOf = async (deps: ReturnType<typeof testContainer>, tenant: Tenant) =>
  (await listBatches(deps.stores, tenant.tenantId)).map((b) => b.batchId);

describe('a legal hold keeps a sealed litigation batch past its retention, until released', () => {
  it.each([
    [
      'on the sealed interaction (a member of the batch, deleted since)',
      (call: { interactionId: string }) => ({ interactionId: call.interactionId }),
    ],
    ["on the subject, by phone (through the batch's subject links)", () => ({ identifiers: { phone: ANNA.phone } })],
  ])(
    'a hold %s',
    async (_, target) => {
      // Prepare
      const tenant = await newTenant('iadvize');
      const { deps, call, batch, ends } = await sealedCallEndingTomorrow(tenant);
      const placed = await asAdmin<{ holdId: string }>(tenant, '/v1/holds', {
        ...target(call),
        reason: 'claim 2026-51',
      });
      expect(placed.status).toBe(201);

      // Act: the night the batch's retention ends
      const kept = await sweep(deps, tenant.tenantId, ends);

      // Assess: the batch stays, out of TTL's reach, its sealed object with it
      expect(tallyOf(kept, tenant.tenantId, 'litigation')).toMatchObject({ due: 1, held: 1, deleted: 0, failed: 0 });
      expect(await batchesOf(deps, tenant)).toContain(batch.batchId);
      const entry = (await recordsOf(tenant.tenantId)).find((i) => i.sk === batchSortKey(batch.batchId))!;
      expect(entry.expiresAt).toBeUndefined();
      expect(entry.heldExpiresAt).toBe(ends.getTime() / SECOND);
      expect(await objectsUnder('litigationBucket', `${tenant.tenantId}/interaction/${batch.batchId}`)).toHaveLength(1);

      // Act: the hold is released; the next sweep runs
      const released = await asAdmin<{ itemsResumed: number }>(tenant, `/v1/holds/${placed.body.holdId}/release`, {});
      const destroyed = await sweep(deps, tenant.tenantId, new Date(ends.getTime() + SECOND));

      // Assess: the batch is due again and destroyed, object and registry entry
      expect(released.body.itemsResumed).toBeGreaterThanOrEqual(1);
      expect(tallyOf(destroyed, tenant.tenantId, 'litigation')).toMatchObject({ due: 1, failed: 0 });
      expect(await batchesOf(deps, tenant)).not.toContain(batch.batchId);
      expect(await objectsUnder('litigationBucket', `${tenant.tenantId}/interaction/${batch.batchId}`)).toEqual([]);
    },
    120_000,
  );
});
