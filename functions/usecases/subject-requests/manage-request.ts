import { assertMayConfirm, assertMaySee, requesterOf, type Caller } from '../../domain/access/subject-request-access';
import { assertConfirmable, cancellation, type SubjectRequestJob } from '../../domain/subject-requests/job';
import { conflict, notFound } from '../../domain/errors';
import { WriteConflict } from '../../ports/write-conflict';
import { tenantAccess } from '../admin/admin-request';
import { auditRequest } from './audit-request';
import { dequeue, startOrQueue } from './concurrency';
import type { SubjectRequestDeps } from './deps';
import { requireJob, updateJob } from './job-store';
import { finish, Superseded } from './run-request';

/**
 * POST /v1/subject-requests/{id}/confirm: an admin, having verified who the end user is, lets a
 * channel's request run. Written to the audit log.
 */
export async function confirmSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  caller: Caller,
  requestId: string,
  from: string,
): Promise<SubjectRequestJob> {
  assertMayConfirm(caller, (await tenantAccess(deps, { tenantId })).scope);
  const job = await requireJob(deps.directory, tenantId, requestId);
  assertConfirmable(job);
  let confirmed: SubjectRequestJob;
  try {
    confirmed = await updateJob(
      deps.directory,
      job,
      { status: 'queued', confirmedAt: deps.clock.now().toISOString(), updatedAt: deps.clock.now().toISOString() },
      {
        remove: ['expiresAt', 'verifyAgainst'],
        condition: { kind: 'matches', attributes: { status: 'pending-verification' } },
      },
    );
  } catch (error) {
    // Superseded: an invocation started the request meanwhile; it sees the cancellation at its next record.
    if (error instanceof WriteConflict || error instanceof Superseded)
      throw conflict(`Subject request ${requestId} was confirmed or cancelled meanwhile.`);
    throw error;
  }
  await auditRequest(deps, confirmed, 'confirmed', requesterOf(caller), { from });
  await startOrQueue(deps, tenantId, requestId);
  return confirmed;
}

/**
 * DELETE /v1/subject-requests/{id}: a request that has not started ends at once; a running one
 * stops at its next record and ends with a certificate of what it did until then; a failed one
 * ends with a certificate of what its attempts did. A channel may withdraw the requests it filed.
 * The audit entry names who cancelled.
 */
export async function cancelSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  caller: Caller,
  requestId: string,
): Promise<SubjectRequestJob> {
  const job = await requireJob(deps.directory, tenantId, requestId);
  assertMaySee(caller, job);
  const when = cancellation(job.status);
  try {
    const stop = { cancelRequested: true, cancelledBy: requesterOf(caller), updatedAt: deps.clock.now().toISOString() };
    const stopped = await updateJob(deps.directory, job, stop, {
      condition: { kind: 'matches', attributes: { status: job.status } },
    });
    if (when === 'at-next-record') return stopped;
    await dequeue(deps.directory, tenantId, requestId);
    const current = await deps.directory.currentPolicy(tenantId);
    if (!current) throw notFound(`Tenant ${tenantId}`);
    return await finish(deps, current.policy, stopped, 'cancelled');
  } catch (error) {
    // Superseded: an invocation started the request meanwhile; it sees the cancellation at its next record.
    if (error instanceof WriteConflict || error instanceof Superseded)
      throw conflict(
        `Subject request ${requestId} changed meanwhile (now ${(await requireJob(deps.directory, tenantId, requestId)).status}): try again.`,
      );
    throw error;
  }
}
