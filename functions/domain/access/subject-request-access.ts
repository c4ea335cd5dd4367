import { ACCESS_RULES } from './rules';
import type { Actor, TenantScope } from './authorize';
import { requireAccess } from './require-access';
import { forbidden } from '../errors';
import type { Requester, SubjectRequestJob } from '../subject-requests/job';

/** Staff roles that may file, confirm, read and cancel subject requests: those `subject-request.manage` allows. */
export const SUBJECT_REQUEST_ROLES: readonly string[] = Object.keys(ACCESS_RULES['subject-request.manage']);

/** Who is asking, as the API sees it: a staff user, or a channel holding the tenant's API key. */
export type Caller = ({ kind: 'admin' } & Actor) | { kind: 'channel' };

/**
 * Whether the caller may handle the tenant's subject requests at all. Staff: the shared access
 * decision (`subject-request.manage`, functions/domain/access), so vendor support, read-only, may
 * not. A channel may: it files for the end user it talks to, and follows only what it filed
 * (assertMaySee); an admin confirms its requests.
 */
export function assertMayHandle(caller: Caller, tenant: TenantScope): void {
  if (caller.kind === 'admin') requireAccess(caller, 'subject-request.manage', { tenant }, `Tenant ${tenant.tenantId}`);
}

/** Staff file requests that run at once; a channel files on behalf of its end user, pending an admin's confirmation. */
export const requesterOf = (caller: Caller): Requester =>
  caller.kind === 'channel'
    ? { kind: 'channel' }
    : { kind: 'admin', userId: caller.userId, role: caller.role, support: caller.support };

/** A channel sees (and may withdraw) only the requests channels filed; staff allowed by assertMayHandle see all. */
export function assertMaySee(caller: Caller, job: Pick<SubjectRequestJob, 'requestedBy'>): void {
  if (caller.kind === 'channel' && job.requestedBy.kind !== 'channel')
    throw forbidden('A channel may only follow the requests it filed.');
}

/**
 * Whom `subject-request.confirm` allows (the admin role, as the API document says) confirm; a
 * channel never confirms its own request.
 */
export function assertMayConfirm(caller: Caller, tenant: TenantScope): void {
  if (caller.kind !== 'admin')
    throw forbidden('Only an admin confirms a request filed by a channel, after verifying who the end user is.');
  requireAccess(caller, 'subject-request.confirm', { tenant }, `Tenant ${tenant.tenantId}`);
}

/** The desk (listing, extending deadlines) is for staff allowed by assertMayHandle; a channel follows its own requests by id. */
export function assertStaff(caller: Caller): asserts caller is Extract<Caller, { kind: 'admin' }> {
  if (caller.kind !== 'admin') throw forbidden('Only staff list subject requests and extend their deadlines.');
}
