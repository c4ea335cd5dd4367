import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import { deadlineOf } from '../../domain/subject-requests/deadline';
import { requestsToWake } from '../../domain/subject-requests/wake';
import type { JobRunner } from '../../ports/job-runner';
import { allPages } from '../records/pages';
import { slotLeases } from './concurrency';
import type { SubjectRequestDeps } from './deps';
import { listActiveJobs } from './job-store';

export interface WakeResult {
  /** Tenants with queued or running requests. */
  tenants: number;
  /** Requests handed to the runner. */
  started: Array<{ tenantId: string; requestId: string }>;
  /** Requests the runner refused; they wait for the next wake-up. */
  notStarted: number;
  /** Queued or running requests past their answer deadline (domain/subject-requests/deadline.ts). */
  overdue: number;
}

/**
 * The periodic wake-up (domain/subject-requests/wake.ts): for every tenant with queued or running
 * requests, found through the directory's listing of active jobs (never a scan), starts the
 * stalled and long-queued ones through the runner while its slots allow (the started job claims
 * its slot as any start does). A start the runner refuses does not stop the others. Counts the
 * requests past their answer deadline (the SubjectRequestsOverdue metric, 0 included, so its
 * alarm always has data).
 */
export async function wakeQueuedRequests(
  deps: Pick<SubjectRequestDeps, 'directory' | 'clock' | 'logger' | 'metrics'>,
  runner: JobRunner,
): Promise<WakeResult> {
  const now = deps.clock.now();
  const byTenant = new Map<string, SubjectRequestJob[]>();
  const active = await allPages((cursor) => listActiveJobs(deps.directory, cursor));
  for (const job of active) byTenant.set(job.tenantId, [...(byTenant.get(job.tenantId) ?? []), job]);
  const result: WakeResult = { tenants: byTenant.size, started: [], notStarted: 0, overdue: 0 };
  for (const [tenantId, jobs] of byTenant) {
    const policy = await deps.directory.currentPolicy(tenantId);
    if (!policy) continue;
    result.overdue += jobs.filter((job) => deadlineOf(job, policy.policy.timeZone, now).overdue).length;
    const leases = await slotLeases(deps.directory, tenantId);
    for (const requestId of requestsToWake(jobs, leases, policy.policy.subjectRequests.maxConcurrent, now))
      try {
        await runner.start(tenantId, requestId);
        result.started.push({ tenantId, requestId });
      } catch (error) {
        result.notStarted++;
        deps.logger.warn('subject request not woken; the next wake-up tries again', {
          tenantId,
          requestId,
          error: error instanceof Error ? error.name : 'unknown',
        });
      }
  }
  deps.metrics.count('SubjectRequestsOverdue', result.overdue);
  deps.logger.info('subject requests woken', {
    tenants: result.tenants,
    started: result.started.length,
    notStarted: result.notStarted,
    overdue: result.overdue,
  });
  return result;
}
