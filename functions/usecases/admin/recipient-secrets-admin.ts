import { requireAccess } from '../../domain/access/require-access';
import { createRecipientSecret, type NewRecipientSecret } from '../recipients/recipient-secrets';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';

/**
 * POST /v1/recipient-secrets: a new secret to sign one recipient's webhooks, answered once (the
 * policy then names it by `secretRef`). Whoever may change the policy may make one; audited.
 */
export async function newRecipientSecret(deps: AdminDeps, request: AdminRequest): Promise<NewRecipientSecret> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.change', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const made = await createRecipientSecret({ ...deps, homeRegion: deps.deployment.homeRegion }, actor.tenantId);
  await recordAccess(deps, request, granted, 'policy.change', { details: { recipientSecretCreated: made.secretRef } });
  return made;
}
