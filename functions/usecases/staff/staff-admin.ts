import { requireAccess, type Granted } from '../../domain/access/require-access';
import type { AuditAction } from '../../domain/audit/entry';
import { conflict, notFound } from '../../domain/errors';
import type { StaffProfile } from '../../domain/staff/staff-profile';
import { assertNotSelf, assertRoleAndGroup } from '../../domain/staff/staff-rules';
import { parseOrThrow } from '../../domain/validation';
import { StaffEmailTaken, type UserDirectory } from '../../ports/user-directory';
import { tenantAccess, type AdminRequest, type TenantAccess } from '../admin/admin-request';
import { recordAccess } from '../admin/audit-trail';
import type { AdminDeps } from '../admin/deps';
import { revokeSessions } from './session-revocations';
import { NewStaffSchema, StaffRoleChangeSchema } from './staff-schemas';

export type StaffDeps = Pick<AdminDeps, 'directory' | 'auditLog' | 'clock'> & { users: UserDirectory };

/** The caller's tenant once `staff.manage` is granted on it (admins only). */
async function staffAccess(
  deps: StaffDeps,
  request: AdminRequest,
): Promise<{ tenant: TenantAccess; granted: Granted }> {
  const { actor } = request;
  const tenant = await tenantAccess(deps, actor);
  const granted = requireAccess(actor, 'staff.manage', { tenant: tenant.scope }, `Tenant ${actor.tenantId}`);
  return { tenant, granted };
}

/** A staff user of the caller's tenant; another tenant's user reads as missing (404), as a user that does not exist. */
async function ownStaff(deps: StaffDeps, request: AdminRequest, userId: string | undefined): Promise<StaffProfile> {
  const user = userId ? await deps.users.get(userId) : undefined;
  if (!user || user.tenantId !== request.actor.tenantId) throw notFound(`Staff user ${userId ?? ''}`);
  return user;
}

/** Audited by user id and role only: the e-mail is personal data. */
const audit = (deps: StaffDeps, request: AdminRequest, granted: Granted, action: AuditAction, user: StaffProfile) =>
  recordAccess(deps, request, granted, action, {
    details: { staffUserId: user.userId, ...(user.role ? { role: user.role } : {}) },
  });

const policyGroups = (tenant: TenantAccess) => tenant.policy.access.groups.map((g) => g.id);

/** GET /v1/staff: the tenant's staff users. */
export async function listStaff(deps: StaffDeps, request: AdminRequest): Promise<{ items: StaffProfile[] }> {
  await staffAccess(deps, request);
  return { items: await deps.users.list(request.actor.tenantId) };
}

/** POST /v1/staff `{email, role, group?}`: invites a staff user into the caller's tenant (201); 409 for a known e-mail. */
export async function createStaff(deps: StaffDeps, request: AdminRequest, body: unknown): Promise<StaffProfile> {
  const { tenant, granted } = await staffAccess(deps, request);
  const { email, role, group } = parseOrThrow(NewStaffSchema, body, 'The staff profile');
  assertRoleAndGroup(role, group, policyGroups(tenant));
  const created = await deps.users
    .create({ tenantId: request.actor.tenantId, email, role, ...(group ? { group } : {}) })
    .catch((error: unknown) => {
      throw error instanceof StaffEmailTaken ? conflict('A staff user with that e-mail already exists.') : error;
    });
  await audit(deps, request, granted, 'staff.create', created);
  return created;
}

/** PUT /v1/staff/{userId}/role `{role, group?}`: moves a staff user of the tenant to another role (and group). */
export async function setStaffRole(
  deps: StaffDeps,
  request: AdminRequest,
  userId: string | undefined,
  body: unknown,
): Promise<StaffProfile> {
  const { tenant, granted } = await staffAccess(deps, request);
  const { role, group } = parseOrThrow(StaffRoleChangeSchema, body, 'The role change');
  const user = await ownStaff(deps, request, userId);
  assertNotSelf(request.actor.userId, user.userId, 'change the role of');
  assertRoleAndGroup(role, group, policyGroups(tenant));
  // Tokens carry the role and group: those signed in before the change must go.
  await revokeSessions(deps, user.tenantId, user.userId);
  const changed = await deps.users.setRole(user.userId, role, group);
  await audit(deps, request, granted, 'staff.set-role', changed);
  return changed;
}

/** POST /v1/staff/{userId}/disable: the user can no longer sign in; the profile stays. */
export async function disableStaff(
  deps: StaffDeps,
  request: AdminRequest,
  userId: string | undefined,
): Promise<StaffProfile> {
  const { granted } = await staffAccess(deps, request);
  const user = await ownStaff(deps, request, userId);
  assertNotSelf(request.actor.userId, user.userId, 'disable');
  await revokeSessions(deps, user.tenantId, user.userId);
  const disabled = await deps.users.disable(user.userId);
  await audit(deps, request, granted, 'staff.disable', disabled);
  return disabled;
}

/** DELETE /v1/staff/{userId}: removes a staff user of the tenant from the directory. */
export async function deleteStaff(
  deps: StaffDeps,
  request: AdminRequest,
  userId: string | undefined,
): Promise<{ userId: string; deleted: true }> {
  const { granted } = await staffAccess(deps, request);
  const user = await ownStaff(deps, request, userId);
  assertNotSelf(request.actor.userId, user.userId, 'delete');
  await revokeSessions(deps, user.tenantId, user.userId);
  await deps.users.delete(user.userId);
  await audit(deps, request, granted, 'staff.delete', user);
  return { userId: user.userId, deleted: true };
}
