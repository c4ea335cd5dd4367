import type { Actor, TenantScope } from '../../domain/access/authorize';
import { notFound } from '../../domain/errors';
import type { TenantPolicy } from '../../domain/policy/schema';
import type { AdminDeps } from './deps';

/** Who asks and from where: the actor the authorizer established and the caller's IP. */
export interface AdminRequest {
  actor: Actor;
  /** Source IP of the request; only its /24 (/48) reaches the audit log. */
  sourceIp?: string;
}

/** The actor's tenant as access decisions need it: its live policy and revision. */
export interface TenantAccess {
  scope: TenantScope;
  policy: TenantPolicy;
  revision: number;
}

/** The actor's own tenant, read fresh (policy revisions change support access and groups). */
export async function tenantAccess(
  deps: Pick<AdminDeps, 'directory'>,
  actor: Pick<Actor, 'tenantId'>,
): Promise<TenantAccess> {
  const current = await deps.directory.currentPolicy(actor.tenantId);
  if (!current) throw notFound(`Tenant ${actor.tenantId}`);
  return {
    scope: { tenantId: actor.tenantId, supportAccess: current.policy.access.supportAccess },
    policy: current.policy,
    revision: current.revision,
  };
}
