import type { TenantPolicy } from '../../domain/policy/schema';
import type { PolicyRevision, TenantDirectory } from '../../ports/tenant-directory';

/**
 * The revisions of a tenant's policy from `from` on (every one when `from` is undefined), newest
 * first: the revisions whose retention records written since `from` may still carry.
 */
export async function revisionsSince(
  directory: TenantDirectory,
  tenantId: string,
  from: number | undefined,
): Promise<PolicyRevision[]> {
  const since: PolicyRevision[] = [];
  let cursor: string | undefined;
  do {
    const page = await directory.listPolicies(tenantId, { cursor });
    since.push(...page.items.filter((p) => from === undefined || p.revision >= from));
    if (from !== undefined && page.items.some((p) => p.revision < from)) break;
    cursor = page.cursor;
  } while (cursor);
  return since;
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
