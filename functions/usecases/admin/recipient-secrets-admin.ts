import { requireAccess } from '../../domain/access/require-access';
import { parseOrThrow } from '../../domain/validation';
import { createRecipientSecret, type NewRecipientSecret } from '../recipients/recipient-secrets';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { RecipientSecretRequestSchema } from './responses';

/**
 * POST /v1/recipient-secrets `{recipient}`: a new secret to sign that recipient's webhooks, answered
 * once (the policy then names it by `secretRef`). Whoever may change the policy may make one; audited.
 */
export async function newRecipientSecret(
  deps: AdminDeps,
  request: AdminRequest,
  body: unknown,
): Promise<NewRecipientSecret> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.change', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const { recipient } = parseOrThrow(RecipientSecretRequestSchema, body, 'The recipient secret request');
  const made = await createRecipientSecret(
    { ...deps, homeRegion: deps.deployment.homeRegion },
    actor.tenantId,
    recipient,
  );
  await recordAccess(deps, request, granted, 'policy.change', { details: { recipientSecretCreated: made.secretRef } });
  return made;
}
