import { LAWFUL_BASIS_IN_WORDS } from '../../../functions/domain/export/plain-words';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import { batchSortKey, litigationPartition } from '../../../functions/domain/litigation/registry';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import { LINK_PREFIX } from '../../../functions/usecases/litigation/subject-links';
import { destroyBatch } from '../../../functions/usecases/retention/record-actions';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { findSubjectPartitions } from '../../../functions/usecases/subject-requests/find-subject';
import { chat, recordsOf } from '../retention/support';
import { newSubject, newTenant, runRequest, testContainer, testDeps } from './support';

describe('records sealed in the litigation archive stay linked to their subject after the live records are gone', () => {
  it('an erasure after the sweep removed the live call still lists the sealed batch with its lawful basis and end date; once the batch is destroyed, nothing links to it', async () => {
    // Prepare: an iAdvize call swept at its 12 months: sealed in a batch, then its live records anonymised out of the subject index
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('dora');
    const call = await chat(tenant, { email: a.email, phone: a.phone, name: a.name }, 'call');
    const expiries = (await recordsOf(tenant.tenantId))
      .filter((i) => i.pk === call.pk)
      .map((i) => (i.expiresAt as number) * 1000);
    await runSweep(c, { tenantId: tenant.tenantId, now: new Date(Math.max(...expiries)) });
    const batches = await listBatches(c.stores, tenant.tenantId);
    const secret = await c.tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const keys = subjectKeysOf({ email: a.email }, secret, presetPolicy('iadvize').defaultCallingCode);
    expect(batches.length).toBeGreaterThan(0);
    expect((await findSubjectPartitions(c.stores, tenant.tenantId, keys)).map((p) => p.id)).not.toContain(
      call.interactionId,
    );

    // Act
    const erased = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { email: a.email },
      options: {},
    });

    // Assess: every batch holding the call is listed as retained, why, and until when
    const basis = LAWFUL_BASIS_IN_WORDS[presetPolicy('iadvize').classes.litigation.lawfulBasis];
    expect(erased.status).toBe('completed');
    expect(erased.result?.retained).toEqual(
      expect.arrayContaining(
        batches.map((b) =>
          expect.objectContaining({
            reason: 'litigation-archive',
            id: b.batchId,
            region: b.region,
            classes: [b.sealedClass],
            lawfulBasis: basis,
            until: b.retainUntil,
          }),
        ),
      ),
    );
    expect(JSON.stringify(erased.result)).not.toContain(a.email);
    // Links name the subject by whole identifiers only, never by a prefix of the name (shared by other people)
    const linked = (await recordsOf(tenant.tenantId))
      .filter((i) => i.pk === litigationPartition(tenant.tenantId) && i.sk.startsWith(LINK_PREFIX))
      .map((i) => i.sk.slice(LINK_PREFIX.length).split('#')[0]);
    const whole = subjectKeysOf(
      { email: a.email, phone: a.phone, name: a.name },
      secret,
      presetPolicy('iadvize').defaultCallingCode,
    ).map((k) => k.hmacHex);
    expect([...new Set(linked)].sort()).toEqual([...whole].sort());

    // Act: the litigation retention ends; each batch is destroyed as the sweep destroys it
    for (const b of batches) {
      const entry = await c.stores
        .storesFor(b.region)
        .records.get({ pk: litigationPartition(tenant.tenantId), sk: batchSortKey(b.batchId) });
      await destroyBatch(
        { deps: c, region: b.region, tenantId: tenant.tenantId, now: new Date(b.retainUntil) },
        entry!,
      );
    }
    const again = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { email: a.email },
      options: {},
    });

    // Assess: no batch, no link, nothing retained
    expect(await listBatches(c.stores, tenant.tenantId)).toEqual([]);
    expect(
      (await recordsOf(tenant.tenantId)).filter(
        (i) => i.pk === litigationPartition(tenant.tenantId) && i.sk.startsWith(LINK_PREFIX),
      ),
    ).toEqual([]);
    expect(again.result?.retained).toEqual([]);
  });
});
