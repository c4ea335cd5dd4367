import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { AccessAction } from '../domain/access/actions';
import { requireAccess } from '../domain/access/require-access';
import { auditSource } from '../domain/audit/audit-source';
import type { AuditActor } from '../domain/audit/entry';
import { forbidden } from '../domain/errors';
import type { TenantDirectory } from '../ports/tenant-directory';
import { tenantAccess, type AdminRequest } from '../usecases/admin/admin-request';
import { principalOf } from './http';
import type { AdminPrincipal } from './principal';

/**
 * The admin calling, once the one access decision (`authorize`, functions/domain/access) allows
 * them `action` on their tenant as its live policy stands: the effective role counts (a user in
 * the support group is support, read-only, and only while the policy allows support access).
 * 403 for an API key; 403 or 404 as `requireAccess` words them.
 */
export async function authorizedAdmin(
  event: APIGatewayProxyEvent,
  deps: { directory: TenantDirectory },
  action: AccessAction,
  what: string,
): Promise<AdminPrincipal> {
  const principal = principalOf(event);
  if (principal.kind !== 'admin')
    throw forbidden(`${what} takes an admin token (Authorization: Bearer), not an API key.`);
  const tenant = await tenantAccess(deps, principal);
  requireAccess(principal, action, { tenant: tenant.scope }, `Tenant ${principal.tenantId}`);
  return principal;
}

/** The audit log's name for an admin. */
export const auditActorOf = (admin: AdminPrincipal): AuditActor => ({
  user: admin.userId,
  role: admin.role,
  support: admin.support,
});

/** Where a request came from, cut so it names no single machine (auditSource). */
export const requestSource = (event: APIGatewayProxyEvent): string =>
  auditSource(event.requestContext?.identity?.sourceIp);

/** The admin request of an event whose routes take an admin token only: 403 for an API key. */
export function adminRequestOf(event: APIGatewayProxyEvent, routes: string): AdminRequest {
  const principal = principalOf(event);
  if (principal.kind !== 'admin')
    throw forbidden(`${routes} take an admin token (Authorization: Bearer), not an API key.`);
  const { kind: _kind, ...actor } = principal;
  return { actor, sourceIp: event.requestContext?.identity?.sourceIp ?? undefined };
}
