import { unauthorized } from '../domain/errors';
import { ADMIN_ROLES, type AdminRole } from '../domain/access/admin-roles';
import type { AdminClaims } from '../ports/admin-tokens';

/**
 * Who is calling, as the one authorizer established it. `ingest`: a channel holding the tenant's
 * API key. `admin`: a staff user of the tenant with a role (Cognito group) and optionally a group
 * of agents; `support` flags vendor support, whose every access the audit log marks.
 */
export type Principal =
  | { kind: 'ingest'; tenantId: string }
  | { kind: 'admin'; tenantId: string; role: AdminRole; group?: string; userId: string; support: boolean };

export type AdminPrincipal = Extract<Principal, { kind: 'admin' }>;

/**
 * The admin principal of verified claims, or undefined when the user is in no Lethe role. With
 * several roles the first in ADMIN_ROLES order counts; membership of `support` always flags the
 * access as support access.
 */
export function adminPrincipalOf(claims: AdminClaims): AdminPrincipal | undefined {
  const groups = claims['cognito:groups'];
  const role = ADMIN_ROLES.find((r) => groups.includes(r));
  if (!role) return undefined;
  const group = claims['custom:group'];
  return {
    kind: 'admin',
    tenantId: claims['custom:tenant'],
    role,
    ...(group ? { group } : {}),
    userId: claims.sub,
    support: groups.includes('support'),
  };
}

/** API Gateway passes an authorizer's context on as flat strings, numbers and booleans only. */
export type AuthorizerContext = Record<string, string | number | boolean>;

export function authorizerContextOf(principal: Principal): AuthorizerContext {
  if (principal.kind === 'ingest') return { kind: 'ingest', tenantId: principal.tenantId };
  const { kind, tenantId, role, group, userId, support } = principal;
  return { kind, tenantId, role, userId, support, ...(group ? { group } : {}) };
}

/**
 * The principal of a request, from `requestContext.authorizer`. A route behind the authorizer
 * always has one; its absence means a wiring mistake, answered as 401 rather than trusted.
 */
export function principalFromContext(context: unknown): Principal {
  const c = (context ?? {}) as Record<string, unknown>;
  const tenantId = typeof c.tenantId === 'string' && c.tenantId ? c.tenantId : undefined;
  if (!tenantId) throw unauthorized('The request carries no authenticated tenant.');
  if (c.kind === 'ingest') return { kind: 'ingest', tenantId };
  const role = ADMIN_ROLES.find((r) => r === c.role);
  if (c.kind === 'admin' && role && typeof c.userId === 'string' && c.userId) {
    const group = typeof c.group === 'string' && c.group ? c.group : undefined;
    // Booleans arrive as the strings "true" / "false" through API Gateway.
    const support = c.support === true || c.support === 'true';
    return { kind: 'admin', tenantId, role, ...(group ? { group } : {}), userId: c.userId, support };
  }
  throw unauthorized('The request carries no valid principal.');
}
