import { requireAccess } from '../../domain/access/require-access';
import { recordOfProcessing } from '../../domain/register/record-of-processing';
import type { RecordOfProcessing } from '../../domain/register/schema';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';

/** The tenant's record of processing, generated from its live policy and this deployment. */
export async function registerOf(
  deps: Pick<AdminDeps, 'directory' | 'deployment' | 'clock'>,
  tenantId: string,
): Promise<RecordOfProcessing> {
  const [profile, current] = await Promise.all([
    deps.directory.getProfile(tenantId),
    deps.directory.currentPolicy(tenantId),
  ]);
  if (!profile || !current) throw new RangeError(`tenant ${tenantId} has no profile or policy`);
  return recordOfProcessing({
    policy: current.policy,
    tenant: { tenantId, name: profile.name },
    deployment: deps.deployment,
    generatedAt: deps.clock.now(),
  });
}

/** GET /v1/register (GDPR Art. 30). */
export async function readRegister(deps: AdminDeps, request: AdminRequest): Promise<RecordOfProcessing> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'register.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const register = await registerOf(deps, actor.tenantId);
  await recordSupportRead(deps, request, granted, 'register.view', { details: { revision: register.policyRevision } });
  return register;
}
