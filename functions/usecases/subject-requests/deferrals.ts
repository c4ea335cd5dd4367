import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { allPages } from '../records/pages';
import { auditRequest } from './audit-request';
import { startOrQueue } from './concurrency';
import type { SubjectRequestDeps } from './deps';
import { findJob, updateJob } from './job-store';

/**
 * An erasure (or anonymisation) that a legal hold postponed is remembered per hold as
 * `JOBDEFER#<holdId>#<requestId>` in the directory; the job keeps the subject keys it needs. When
 * the hold is released, the request runs again (a new round, its own certificate) and reaches
 * what the hold kept, unless another hold still keeps it.
 */
const deferralPrefix = (holdId: string) => `JOBDEFER#${holdId}#`;

export async function recordDeferrals(
  directory: TenantDirectory,
  job: Pick<SubjectRequestJob, 'tenantId' | 'requestId'>,
  holdIds: readonly string[],
): Promise<void> {
  for (const holdId of holdIds)
    await directory.putItem({
      tenantId: job.tenantId,
      sk: `${deferralPrefix(holdId)}${job.requestId}`,
      requestId: job.requestId,
      holdId,
    });
}

/**
 * Called when `holdId` is released: every request it postponed goes back to the queue as its next
 * round and is started. Returns the ids of the requests re-applied.
 */
export async function reapplyDeferredRequests(
  deps: SubjectRequestDeps,
  tenantId: string,
  holdId: string,
): Promise<string[]> {
  const deferrals = await allPages((cursor) => deps.directory.queryItems(tenantId, deferralPrefix(holdId), { cursor }));
  const reapplied: string[] = [];
  for (const deferral of deferrals) {
    const job = await findJob(deps.directory, tenantId, String(deferral.requestId));
    // An incomplete erasure is re-applied too: the release is another chance to finish it.
    if (
      (job?.status === 'completed' || job?.status === 'incomplete') &&
      job.subjectKeys?.length &&
      (await requeue(deps, job))
    )
      reapplied.push(job.requestId);
    await deps.directory.deleteItem(tenantId, deferral.sk);
  }
  for (const requestId of reapplied) await startOrQueue(deps, tenantId, requestId);
  return reapplied;
}

async function requeue(deps: SubjectRequestDeps, job: SubjectRequestJob): Promise<boolean> {
  try {
    const next = await updateJob(
      deps.directory,
      job,
      {
        status: 'queued',
        step: 0,
        done: 0,
        passes: 0,
        round: job.round + 1,
        earlierResults: [...(job.earlierResults ?? []), ...(job.result ? [job.result] : [])],
        updatedAt: deps.clock.now().toISOString(),
      },
      {
        remove: ['result', 'inventory', 'verification', 'expiresAt'],
        condition: { kind: 'matches', attributes: { status: job.status, round: job.round } },
      },
    );
    await auditRequest(deps, next, 'reapplied', { kind: 'system' });
    return true;
  } catch (error) {
    if (error instanceof WriteConflict) return false; // another release re-applied it first
    throw error;
  }
}
