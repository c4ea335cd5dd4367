import type { APIGatewayProxyEvent } from 'aws-lambda';
import { auditSource } from '../domain/audit/audit-source';
import type { AuditActor } from '../domain/audit/entry';
import { forbidden } from '../domain/errors';
import type { AdminRole } from '../ports/admin-tokens';
import { principalOf } from './http';
import type { AdminPrincipal } from './principal';

/** The admin calling, when their role is one of `roles`; 403 for an API key or another role. */
export function adminWithRole<R extends AdminRole>(event: APIGatewayProxyEvent, roles: readonly R[], what: string): AdminPrincipal & { role: R } {
  const principal = principalOf(event);
  if (principal.kind !== 'admin') throw forbidden(`${what} takes an admin token (Authorization: Bearer), not an API key.`);
  if (!roles.includes(principal.role as R)) throw forbidden(`${what} is for the ${roles.join(' or ')} role, not ${principal.role}.`);
  return principal as AdminPrincipal & { role: R };
}

/** The audit log's name for an admin. */
export const auditActorOf = (admin: AdminPrincipal): AuditActor => ({ user: admin.userId, role: admin.role, support: admin.support });

/** Where a request came from, cut so it names no single machine (auditSource). */
export const requestSource = (event: APIGatewayProxyEvent): string => auditSource(event.requestContext?.identity?.sourceIp);
