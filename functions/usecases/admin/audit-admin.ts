import * as z from 'zod';
import { IsoInstantSchema } from '../../domain/instant';
import { authorize } from '../../domain/access/authorize';
import { ACCESS_ACTIONS } from '../../domain/access/actions';
import { requireAccess } from '../../domain/access/require-access';
import { AUDIT_ACTIONS } from '../../domain/audit/entry';
import { parseOrThrow } from '../../domain/validation';
import { tenantAccess, type AdminRequest } from './admin-request';
import type { AdminDeps } from './deps';
import type { AuditPage, Me } from './responses';

const Instant = IsoInstantSchema;

/** `GET /v1/audit?user&action&interactionId&from&to&support&limit&nextToken`. */
export const AuditQuerySchema = z
  .object({
    user: z.string().min(1).max(200).optional(),
    action: z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(', ')}` }).optional(),
    interactionId: z.ulid('must be an interaction id (ULID)').optional(),
    from: Instant.optional(),
    to: Instant.optional(),
    support: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    nextToken: z.string().max(2000).optional(),
  })
  .strict();

/** A tenant's audit entries, newest first, filtered (no access check: the API and the operator CLI decide who may). */
export async function listAuditEntries(
  deps: Pick<AdminDeps, 'auditLog'>,
  tenantId: string,
  rawQuery: Record<string, string | undefined>,
): Promise<AuditPage> {
  const q = parseOrThrow(AuditQuerySchema, rawQuery, 'The audit query');
  const page = await deps.auditLog.list(
    tenantId,
    {
      ...(q.user ? { user: q.user } : {}),
      ...(q.action ? { action: q.action } : {}),
      ...(q.interactionId ? { interactionId: q.interactionId } : {}),
      ...(q.from ? { from: new Date(q.from).toISOString() } : {}),
      ...(q.to ? { to: new Date(q.to).toISOString() } : {}),
      ...(q.support ? { support: q.support === 'true' } : {}),
    },
    { cursor: q.nextToken, limit: q.limit },
  );
  return {
    items: page.items.map(({ seq, at, actor: who, action, interactionId, from, details, hash }) => ({
      seq,
      at,
      actor: who,
      action,
      ...(interactionId ? { interactionId } : {}),
      from,
      details,
      hash,
    })),
    ...(page.cursor ? { nextToken: page.cursor } : {}),
  };
}

/** GET /v1/audit: for the roles that oversee the tenant (admin, legal). */
export async function listAudit(
  deps: AdminDeps,
  request: AdminRequest,
  rawQuery: Record<string, string | undefined>,
): Promise<AuditPage> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  requireAccess(actor, 'audit.view', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  return listAuditEntries(deps, actor.tenantId, rawQuery);
}

/** GET /v1/me: who the token names and what they may do, so a console shows only what will work. */
export async function whoAmI(deps: AdminDeps, request: AdminRequest): Promise<Me> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  return {
    tenantId: actor.tenantId,
    userId: actor.userId,
    role: actor.role,
    ...(actor.group ? { group: actor.group } : {}),
    support: actor.support,
    allowed: ACCESS_ACTIONS.filter((action) => authorize(actor, action, { tenant: tenant.scope }).allowed),
  };
}
