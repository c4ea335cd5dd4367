import { requireAccess } from '../../domain/access/require-access';
import { parseOrThrow } from '../../domain/validation';
import { createRecipientSecret, rotateRecipientSecret, type NewRecipientSecret } from '../recipients/recipient-secrets';
import { tenantAccess, type AdminRequest } from './admin-request';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { RecipientSecretRequestSchema } from './responses';

/**
 * POST /v1/recipient-secrets `{recipient}`: a new secret to sign that recipient's webhooks, answered
 * once (the policy then names it by `secretRef`); `{recipient, secretRef}` rotates that secret: a
 * new key replaces the old one under the same reference, so the policy needs no change (with
 * `graceHours`, the old key signs alongside it that long). Whoever
 * may change the policy may do either; audited.
 */
export async function newRecipientSecret(
  deps: AdminDeps,
  request: AdminRequest,
  body: unknown,
): Promise<NewRecipientSecret> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'policy.change', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  const { recipient, secretRef, graceHours } = parseOrThrow(
    RecipientSecretRequestSchema,
    body,
    'The recipient secret request',
  );
  const secretDeps = { ...deps, homeRegion: deps.deployment.homeRegion };
  const made = secretRef
    ? await rotateRecipientSecret(secretDeps, actor.tenantId, recipient, secretRef, graceHours)
    : await createRecipientSecret(secretDeps, actor.tenantId, recipient);
  await recordAccess(deps, request, granted, 'policy.change', {
    details: secretRef
      ? {
          recipientSecretRotated: made.secretRef,
          keyId: made.keyId,
          ...(made.previousKeyValidUntil ? { previousKeyValidUntil: made.previousKeyValidUntil } : {}),
        }
      : { recipientSecretCreated: made.secretRef, keyId: made.keyId },
  });
  return made;
}
