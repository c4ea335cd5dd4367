import { presetPolicy } from '../../../functions/domain/policy/presets';
import { isRestricted } from '../../../functions/domain/subject-requests/restriction';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { findSubjectPartitions, partitionPieces } from '../../../functions/usecases/subject-requests/find-subject';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { asAdmin, newSubject, newTenant, runRequest, storeSubject, testContainer, testDeps } from './support';

describe('rectification and restriction of a data subject', () => {
  it('rectify: the e-mail is corrected in the records and the index is re-keyed, so the old address finds nothing and the new one finds everything', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);
    const corrected = `anna.corrected.${Date.now()}@example.fr`;
    const secret = await c.tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const search = (email: string) =>
      findSubjectPartitions(
        c.stores,
        tenant.tenantId,
        subjectKeysOf({ email }, secret, presetPolicy('iadvize').defaultCallingCode),
      );

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'rectify',
      identifiers: { email: a.email },
      options: { corrected: { email: corrected } },
    });

    // Assess
    expect(await search(a.email)).toEqual([]);
    expect((await search(corrected)).map((p) => p.id).sort()).toEqual([stored.chatId, stored.consentId].sort());
    const info = await asAdmin<{ participant?: { email: string; phone: string } }>(
      tenant,
      `/v1/interactions/${stored.chatId}`,
    );
    expect(info.body.participant).toMatchObject({ email: corrected, phone: a.phone });
    expect(job.result?.verification).toMatchObject({
      ok: true,
      remaining: 0,
      checked: { partitionsUnderCorrectedValues: 2 },
    });
    expect(job).not.toHaveProperty('sealedCorrections');
    expect(JSON.stringify(job)).not.toContain(corrected);
  });

  it("restrict: every record of the subject is marked, left out of staff exports (not the legal role's), until the restriction is lifted", async () => {
    // Prepare
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);
    const pieces = async () =>
      (await partitionPieces(c.stores, `T#${tenant.tenantId}#I#${stored.smsId}`))
        .flatMap((p) => p.items)
        .filter((i) => !i.sk.startsWith('SUBJ#'));
    const exportAs = async (role: string) => {
      const filed = await fileSubjectRequest(
        deps,
        tenant.tenantId,
        { kind: 'admin', userId: 'u1', role, support: false },
        { type: 'export', identifiers: { phone: a.phone }, options: {} },
      );
      return executeSubjectRequest(deps, tenant.tenantId, filed.requestId);
    };

    // Act
    const restricted = await runRequest(deps, tenant.tenantId, {
      type: 'restrict',
      identifiers: { phone: a.phone },
      options: {},
    });
    const marked = await pieces();
    const byAdmin = await exportAs('admin');
    const byLegal = await exportAs('legal');
    const lifted = await runRequest(deps, tenant.tenantId, {
      type: 'restrict',
      identifiers: { phone: a.phone },
      options: { lift: true },
    });

    // Assess
    expect(marked.length).toBeGreaterThan(1);
    expect(marked.every(isRestricted)).toBe(true);
    expect(restricted.result?.verification).toMatchObject({ ok: true, remaining: 0 });
    expect(byAdmin.result?.export).toMatchObject({ records: 0 });
    expect(byAdmin.result?.export?.withheldRestricted).toBeGreaterThan(0);
    expect(byLegal.result?.export).toMatchObject({ withheldRestricted: 0 });
    expect(byLegal.result?.export?.records).toBe(byAdmin.result?.export?.withheldRestricted);
    expect((await pieces()).some(isRestricted)).toBe(false);
    expect(lifted.result?.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ store: 'records', action: 'restriction lifted' })]),
    );
  });
});
