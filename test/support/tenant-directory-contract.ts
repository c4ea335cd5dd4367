import { presetPolicy } from '../../functions/domain/policy/presets';
import {
  LISTED_UNDER,
  type ApiKeyRecord,
  type PolicyRevision,
  type TenantDirectory,
  type TenantProfile,
} from '../../functions/ports/tenant-directory';
import { WriteConflict } from '../../functions/ports/write-conflict';
import { allPages } from '../../functions/usecases/records/pages';

/**
 * What every TenantDirectory does, whichever its storage: the DynamoDB adapter against DynamoDB
 * Local (test/integration/adapters/tenant-directory.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-tenant-directory.test.ts) run these same cases.
 */
export interface TenantDirectoryUnderTest {
  directory: TenantDirectory;
  /** A tenant id of its own for every case, so cases never see each other's data. */
  freshTenant: () => string;
}

const AT = '2024-03-01T09:00:00.000Z';

function tenant(tenantId: string) {
  const profile: TenantProfile = {
    tenantId,
    name: 'Acme Support',
    preset: 'puzzel',
    status: 'active',
    createdAt: AT,
    subjectSecretWrapped: Buffer.alloc(40, 1),
    auditKeyWrapped: Buffer.alloc(40, 2),
  };
  const policy: PolicyRevision = {
    tenantId,
    revision: 1,
    policy: presetPolicy('puzzel'),
    savedAt: AT,
    savedBy: 'system',
  };
  const apiKey: ApiKeyRecord = { keyHash: `${tenantId.toLowerCase()}${'0'.repeat(38)}`, tenantId, createdAt: AT };
  return { tenantId, profile, policy, apiKey };
}

export function tenantDirectoryContract(subject: () => TenantDirectoryUnderTest): void {
  let directory: TenantDirectory;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ directory, freshTenant } = subject());
  });

  describe('tenants, policies, API keys and tenant items', () => {
    it('creates a tenant with its profile, first policy and API key, found by the key hash', async () => {
      // Prepare
      const t = tenant(freshTenant());
      // Act
      await directory.createTenant(t.profile, t.policy, t.apiKey);
      // Assess
      const { subjectSecretWrapped, auditKeyWrapped, ...profile } = (await directory.getProfile(
        t.tenantId,
      )) as TenantProfile;
      expect(profile).toEqual({
        tenantId: t.tenantId,
        name: 'Acme Support',
        preset: 'puzzel',
        status: 'active',
        createdAt: AT,
      });
      expect(Buffer.from(subjectSecretWrapped)).toEqual(Buffer.alloc(40, 1));
      expect(Buffer.from(auditKeyWrapped)).toEqual(Buffer.alloc(40, 2));
      expect(await directory.apiKeyByHash(t.apiKey.keyHash)).toEqual(t.apiKey);
      expect(await directory.listApiKeys(t.tenantId)).toEqual([t.apiKey]);
      expect((await directory.currentPolicy(t.tenantId))?.policy).toEqual(presetPolicy('puzzel'));
    });

    it('refuses to create a tenant twice and changes nothing of the first', async () => {
      // Prepare
      const t = tenant(freshTenant());
      await directory.createTenant(t.profile, t.policy, t.apiKey);
      const again = tenant(t.tenantId);
      // Act
      const creating = directory.createTenant({ ...again.profile, name: 'Impostor' }, again.policy, {
        ...again.apiKey,
        keyHash: 'f'.repeat(64),
      });
      // Assess
      await expect(creating).rejects.toBeInstanceOf(WriteConflict);
      expect((await directory.getProfile(t.tenantId))?.name).toBe('Acme Support');
      expect(await directory.apiKeyByHash('f'.repeat(64))).toBeUndefined();
    });

    it('keeps every policy revision, newest first, and refuses a revision saved twice', async () => {
      // Prepare
      const t = tenant(freshTenant());
      await directory.createTenant(t.profile, t.policy, t.apiKey);
      const second = { ...t.policy, revision: 2, policy: { ...t.policy.policy, revision: 2 }, savedBy: 'u-1' };
      // Act
      await directory.savePolicy(second);
      const racing = directory.savePolicy({ ...second, savedBy: 'u-2' });
      // Assess
      await expect(racing).rejects.toBeInstanceOf(WriteConflict);
      expect((await directory.currentPolicy(t.tenantId))?.savedBy).toBe('u-1');
      expect((await directory.listPolicies(t.tenantId)).items.map((r) => r.revision)).toEqual([2, 1]);
    });

    it('lists tenants and marks one terminated', async () => {
      // Prepare
      const t = tenant(freshTenant());
      await directory.createTenant(t.profile, t.policy, t.apiKey);
      // Act
      const updated = await directory.updateProfile(t.tenantId, {
        status: 'terminated',
        terminatedAt: '2024-06-01T00:00:00.000Z',
      });
      // Assess
      expect(updated).toMatchObject({
        tenantId: t.tenantId,
        status: 'terminated',
        terminatedAt: '2024-06-01T00:00:00.000Z',
      });
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await directory.listTenants({ cursor, limit: 50 });
        ids.push(...page.items.map((p) => p.tenantId));
        cursor = page.cursor;
      } while (cursor);
      expect(ids).toContain(t.tenantId);
      await expect(directory.updateProfile(freshTenant(), { status: 'terminated' })).rejects.toBeInstanceOf(
        WriteConflict,
      );
    });

    it('advances a per-tenant item (the audit chain head) only from the value the writer read', async () => {
      // Prepare
      const tenantId = freshTenant();
      await directory.putItem({ tenantId, sk: 'AUDITHEAD', seq: 1, hash: 'h1' }, { kind: 'absent' });
      // Act
      const advanced = await directory.updateItem(
        tenantId,
        'AUDITHEAD',
        { set: { seq: 2, hash: 'h2' } },
        { kind: 'matches', attributes: { seq: 1 } },
      );
      const lost = directory.updateItem(
        tenantId,
        'AUDITHEAD',
        { set: { seq: 2, hash: 'other' } },
        { kind: 'matches', attributes: { seq: 1 } },
      );
      // Assess
      expect(advanced).toEqual({ tenantId, sk: 'AUDITHEAD', seq: 2, hash: 'h2' });
      await expect(lost).rejects.toMatchObject({ existing: { seq: 2, hash: 'h2' } });
    });

    it('queries per-tenant items by kind and never lets them overwrite the profile or a policy', async () => {
      // Prepare
      const tenantId = freshTenant();
      await directory.putItem({ tenantId, sk: 'HOLD#H1', scope: 'interaction' });
      await directory.putItem({ tenantId, sk: 'HOLD#H2', scope: 'subject' });
      await directory.putItem({ tenantId, sk: 'JOB#J1', status: 'running' });
      // Act
      const holds = await directory.queryItems(tenantId, 'HOLD#');
      await directory.deleteItem(tenantId, 'HOLD#H1');
      // Assess
      expect(holds.items.map((h) => h.sk)).toEqual(['HOLD#H1', 'HOLD#H2']);
      expect((await directory.queryItems(tenantId, 'HOLD#')).items.map((h) => h.sk)).toEqual(['HOLD#H2']);
      await expect(directory.putItem({ tenantId, sk: 'PROFILE', status: 'active' })).rejects.toThrow(/directory's own/);
      await expect(directory.putItem({ tenantId, sk: 'POLICY#00000009' })).rejects.toThrow(/directory's own/);
    });

    it('reads the per-tenant items of many keys together: those that exist, each once, more than a request holds', async () => {
      // Prepare: 150 keys asked (more than one BatchGetItem's 100), 3 of them stored, one asked twice
      const tenantId = freshTenant();
      const other = freshTenant();
      await directory.putItem({ tenantId, sk: 'MARK#001', state: 'a' });
      await directory.putItem({ tenantId, sk: 'MARK#120', state: 'b' });
      await directory.putItem({ tenantId, sk: 'MARK#149', state: 'c' });
      await directory.putItem({ tenantId: other, sk: 'MARK#002', state: 'elsewhere' });
      const asked = Array.from({ length: 150 }, (_, i) => `MARK#${String(i).padStart(3, '0')}`);
      // Act
      const found = await directory.getItems(tenantId, [...asked, 'MARK#001']);
      // Assess
      expect(found.map((i) => [i.sk, i.state, i.tenantId]).sort()).toEqual([
        ['MARK#001', 'a', tenantId],
        ['MARK#120', 'b', tenantId],
        ['MARK#149', 'c', tenantId],
      ]);
      expect(await directory.getItems(tenantId, [])).toEqual([]);
      await expect(directory.getItems(tenantId, ['PROFILE'])).rejects.toThrow(/directory's own/);
    });

    it('reads the profile and one tenant item together, either of them possibly absent', async () => {
      // Prepare
      const t = tenant(freshTenant());
      await directory.createTenant(t.profile, t.policy, t.apiKey);
      await directory.putItem({ tenantId: t.tenantId, sk: 'REVOKED#u-1', revokedBefore: AT });
      // Act
      const both = await directory.getProfileWithItem(t.tenantId, 'REVOKED#u-1');
      const profileOnly = await directory.getProfileWithItem(t.tenantId, 'REVOKED#u-2');
      const neither = await directory.getProfileWithItem(freshTenant(), 'REVOKED#u-1');
      // Assess
      expect(both.profile).toMatchObject({ tenantId: t.tenantId, name: 'Acme Support', status: 'active' });
      expect(both.item).toEqual({ tenantId: t.tenantId, sk: 'REVOKED#u-1', revokedBefore: AT });
      expect(profileOnly).toEqual({ profile: both.profile });
      expect(neither).toEqual({});
      await expect(directory.getProfileWithItem(t.tenantId, 'PROFILE')).rejects.toThrow(/directory's own/);
    });
  });

  describe('the listing across tenants (gsi1, sparse)', () => {
    /** A listing of this case's own, so items other tests list never show up here. */
    const listing = () => `test-listing-${freshTenant()}`;
    const listed = (name: string) => allPages((cursor) => directory.listListed(name, { cursor }));

    it('lists the items of every tenant put or updated with LISTED_UNDER, by tenant then sort key, as plain tenant items', async () => {
      // Prepare
      const name = listing();
      const [first, second] = [freshTenant(), freshTenant()].sort();
      // Act
      await directory.putItem({ tenantId: second, sk: 'JOB#02', status: 'queued', [LISTED_UNDER]: name });
      await directory.putItem({ tenantId: first, sk: 'JOB#01', status: 'queued' });
      await directory.updateItem(first, 'JOB#01', { set: { status: 'running', [LISTED_UNDER]: name } });
      await directory.putItem({ tenantId: first, sk: 'JOB#00', status: 'completed' }); // never listed
      // Assess
      expect(await listed(name)).toEqual([
        { tenantId: first, sk: 'JOB#01', status: 'running' },
        { tenantId: second, sk: 'JOB#02', status: 'queued' },
      ]);
      expect(await directory.getItem(first, 'JOB#01', { consistent: true })).toEqual({
        tenantId: first,
        sk: 'JOB#01',
        status: 'running',
      });
    });

    it('an update that removes LISTED_UNDER takes the item out of the listing and keeps it in its tenant', async () => {
      // Prepare
      const name = listing();
      const tenantId = freshTenant();
      await directory.putItem({ tenantId, sk: 'JOB#01', status: 'running', [LISTED_UNDER]: name });
      // Act
      await directory.updateItem(tenantId, 'JOB#01', { set: { status: 'completed' }, remove: [LISTED_UNDER] });
      // Assess
      expect(await listed(name)).toEqual([]);
      expect(await directory.getItem(tenantId, 'JOB#01', { consistent: true })).toEqual({
        tenantId,
        sk: 'JOB#01',
        status: 'completed',
      });
    });

    it('reads per-tenant items newest first when asked, paging on from where the last page ended', async () => {
      // Prepare
      const tenantId = freshTenant();
      for (const day of ['01', '02', '03']) await directory.putItem({ tenantId, sk: `SWEEPLOG#2026-01-${day}`, day });
      // Act
      const first = await directory.queryItems(tenantId, 'SWEEPLOG#', { limit: 2, newestFirst: true });
      const rest = await directory.queryItems(tenantId, 'SWEEPLOG#', { cursor: first.cursor, newestFirst: true });
      // Assess
      expect([...first.items, ...rest.items].map((i) => i.day)).toEqual(['03', '02', '01']);
      expect(rest.cursor).toBeUndefined();
    });
  });
}
