import type { TenantPolicy } from '../../domain/policy/schema';
import type { PolicyRevision, TenantDirectory } from '../../ports/tenant-directory';

/** One saved revision of a tenant's policy (revisions are listed newest first). */
export async function policyRevision(
  directory: TenantDirectory,
  tenantId: string,
  revision: number,
): Promise<PolicyRevision | undefined> {
  let cursor: string | undefined;
  do {
    const page = await directory.listPolicies(tenantId, { cursor });
    const found = page.items.find((p) => p.revision === revision);
    if (found) return found;
    if (page.items.some((p) => p.revision < revision)) return undefined;
    cursor = page.cursor;
  } while (cursor);
  return undefined;
}

/** Every revision of a tenant's policy: records may still carry expiries any of them gave. */
export async function allPolicies(directory: TenantDirectory, tenantId: string): Promise<TenantPolicy[]> {
  const policies: TenantPolicy[] = [];
  let cursor: string | undefined;
  do {
    const page = await directory.listPolicies(tenantId, { cursor });
    policies.push(...page.items.map((r) => r.policy));
    cursor = page.cursor;
  } while (cursor);
  return policies;
}
