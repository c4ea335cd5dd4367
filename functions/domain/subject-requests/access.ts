import { forbidden } from '../errors';
import type { Requester, SubjectRequestJob } from './job';

/** Staff roles that may file, confirm, read and cancel subject requests: they handle personal data of anyone. */
export const SUBJECT_REQUEST_ROLES: readonly string[] = ['admin', 'legal'];

/** Who is asking, as the API sees it. */
export type Caller = { kind: 'admin'; role: string; userId: string; support: boolean } | { kind: 'channel' };

export function assertMayHandle(caller: Caller): void {
  if (caller.kind === 'admin' && !SUBJECT_REQUEST_ROLES.includes(caller.role))
    throw forbidden(`Subject requests are handled by the ${SUBJECT_REQUEST_ROLES.join(' or ')} role, not ${caller.role}.`);
}

/** Staff file requests that run at once; a channel files on behalf of its end user, pending an admin's confirmation. */
export const requesterOf = (caller: Caller): Requester =>
  caller.kind === 'channel' ? { kind: 'channel' } : { kind: 'admin', userId: caller.userId, role: caller.role, support: caller.support };

/** A channel sees (and may withdraw) only the requests channels filed; staff with a subject-request role see all. */
export function assertMaySee(caller: Caller, job: Pick<SubjectRequestJob, 'requestedBy'>): void {
  assertMayHandle(caller);
  if (caller.kind === 'channel' && job.requestedBy.kind !== 'channel') throw forbidden('A channel may only follow the requests it filed.');
}

export function assertMayConfirm(caller: Caller): void {
  if (caller.kind !== 'admin') throw forbidden('Only an admin confirms a request filed by a channel, after verifying who the end user is.');
  assertMayHandle(caller);
}
