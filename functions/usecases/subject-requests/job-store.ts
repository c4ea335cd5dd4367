import { notFound } from '../../domain/errors';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import type { JobStatus } from '../../domain/subject-requests/job-status';
import type { ItemCondition } from '../../ports/item-condition';
import type { Page } from '../../ports/page';
import { LISTED_UNDER, type TenantDirectory, type TenantItem } from '../../ports/tenant-directory';

/**
 * Jobs live in the directory as `JOB#<requestId>` items of their tenant (docs/storage-layout.md):
 * the job's state, its checkpoint (`step`, `done`, `inventory`) and, once finished, its
 * certificate, kept until the tenant's certificate retention ends (`expiresAt`, the TTL).
 */
const JOB_PREFIX = 'JOB#';
export const jobSortKey = (requestId: string): string => `${JOB_PREFIX}${requestId}`;

function jobOf(item: TenantItem): SubjectRequestJob {
  const { sk: _sk, ...job } = item;
  return job as unknown as SubjectRequestJob;
}

/**
 * Queued and running jobs of every tenant are listed under this name (the directory's `gsi1`,
 * `LISTED#subject-requests-active`), so the wake-up finds them without a scan. Every status change
 * goes through createJob or updateJob, which list or unlist the job.
 */
export const ACTIVE_JOBS = 'subject-requests-active';
const isActive = (status: JobStatus) => status === 'queued' || status === 'running';

export async function findJob(
  directory: TenantDirectory,
  tenantId: string,
  requestId: string,
): Promise<SubjectRequestJob | undefined> {
  const item = await directory.getItem(tenantId, jobSortKey(requestId), { consistent: true });
  return item && jobOf(item);
}

/** The job, or 404: an unknown id and another tenant's id look the same. */
export async function requireJob(
  directory: TenantDirectory,
  tenantId: string,
  requestId: string,
): Promise<SubjectRequestJob> {
  const job = await findJob(directory, tenantId, requestId);
  if (!job) throw notFound(`Subject request ${requestId}`);
  return job;
}

export async function createJob(directory: TenantDirectory, job: SubjectRequestJob): Promise<void> {
  const listed = isActive(job.status) ? { [LISTED_UNDER]: ACTIVE_JOBS } : {};
  await directory.putItem({ ...job, ...listed, sk: jobSortKey(job.requestId) } as unknown as TenantItem, {
    kind: 'absent',
  });
}

/** Sets (and removes) job attributes; returns the job as stored afterwards. WriteConflict when `condition` fails. */
export async function updateJob(
  directory: TenantDirectory,
  job: Pick<SubjectRequestJob, 'tenantId' | 'requestId'>,
  set: Partial<SubjectRequestJob>,
  options: { remove?: (keyof SubjectRequestJob)[]; condition?: ItemCondition } = {},
): Promise<SubjectRequestJob> {
  const defined: Record<string, unknown> = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const remove: string[] = [...(options.remove ?? [])];
  if (set.status !== undefined) {
    if (isActive(set.status)) defined[LISTED_UNDER] = ACTIVE_JOBS;
    else remove.push(LISTED_UNDER);
  }
  const item = await directory.updateItem(
    job.tenantId,
    jobSortKey(job.requestId),
    { set: defined, ...(remove.length ? { remove } : {}) },
    options.condition ?? { kind: 'present' },
  );
  return jobOf(item);
}

/** Queued and running jobs of every tenant (ACTIVE_JOBS), by tenant then filing order. */
export async function listActiveJobs(directory: TenantDirectory, cursor?: string): Promise<Page<SubjectRequestJob>> {
  const page = await directory.listListed(ACTIVE_JOBS, { cursor });
  return { items: page.items.map(jobOf), cursor: page.cursor };
}

/** One tenant's jobs in filing order: a Query on its `JOB#` items. */
export async function queryJobs(
  directory: TenantDirectory,
  tenantId: string,
  page: { cursor?: string; limit?: number },
): Promise<Page<SubjectRequestJob>> {
  const found = await directory.queryItems(tenantId, JOB_PREFIX, page);
  return { items: found.items.map(jobOf), cursor: found.cursor };
}
