import type { Granted } from '../../domain/access/require-access';
import { auditSource } from '../../domain/audit/audit-source';
import type { AuditAction, AuditDetailValue, AuditEntry } from '../../domain/audit/entry';
import type { AdminRequest } from './admin-request';
import type { AdminDeps } from './deps';

/**
 * Writes what a staff user did to the tenant's audit chain: who (user, role, support flag), what,
 * which interaction, when, and from which network. `details` are counts, formats and ids: never
 * content and never a data subject's identifier.
 */
export function recordAccess(
  deps: Pick<AdminDeps, 'auditLog' | 'clock'>,
  request: AdminRequest,
  granted: Granted,
  action: AuditAction,
  what: { interactionId?: string; details?: Record<string, AuditDetailValue> } = {},
): Promise<AuditEntry> {
  const { actor } = request;
  return deps.auditLog.append(actor.tenantId, {
    at: deps.clock.now().toISOString(),
    actor: { user: actor.userId, role: actor.role, support: granted.supportAccess },
    action,
    ...(what.interactionId ? { interactionId: what.interactionId } : {}),
    from: auditSource(request.sourceIp),
    details: what.details ?? {},
  });
}

/**
 * Reads are logged when vendor support makes them (Puzzel: every support access is logged), and
 * when they show what a legal hold keeps past its normal expiry (`heldPastExpiry`, issue 10).
 */
export async function recordSupportRead(
  deps: Pick<AdminDeps, 'auditLog' | 'clock'>,
  request: AdminRequest,
  granted: Granted,
  action: AuditAction,
  what: { interactionId?: string; details?: Record<string, AuditDetailValue> } = {},
  heldPastExpiry = false,
): Promise<void> {
  if (granted.supportAccess || heldPastExpiry)
    await recordAccess(
      deps,
      request,
      granted,
      action,
      heldPastExpiry ? { ...what, details: { ...what.details, heldPastExpiry } } : what,
    );
}
