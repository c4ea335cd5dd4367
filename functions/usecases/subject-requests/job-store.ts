import { notFound } from '../../domain/errors';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import type { ItemCondition } from '../../ports/item-condition';
import type { TenantDirectory, TenantItem } from '../../ports/tenant-directory';

/**
 * Jobs live in the directory as `JOB#<requestId>` items of their tenant (docs/storage-layout.md):
 * the job's state, its checkpoint (`step`, `done`, `inventory`) and, once finished, its
 * certificate, kept until the tenant's certificate retention ends (`expiresAt`, the TTL).
 */
export const jobSortKey = (requestId: string): string => `JOB#${requestId}`;

function jobOf(item: TenantItem): SubjectRequestJob {
  const { sk: _sk, ...job } = item;
  return job as unknown as SubjectRequestJob;
}

export async function findJob(directory: TenantDirectory, tenantId: string, requestId: string): Promise<SubjectRequestJob | undefined> {
  const item = await directory.getItem(tenantId, jobSortKey(requestId), { consistent: true });
  return item && jobOf(item);
}

/** The job, or 404: an unknown id and another tenant's id look the same. */
export async function requireJob(directory: TenantDirectory, tenantId: string, requestId: string): Promise<SubjectRequestJob> {
  const job = await findJob(directory, tenantId, requestId);
  if (!job) throw notFound(`Subject request ${requestId}`);
  return job;
}

export async function createJob(directory: TenantDirectory, job: SubjectRequestJob): Promise<void> {
  await directory.putItem({ ...job, sk: jobSortKey(job.requestId) } as unknown as TenantItem, { kind: 'absent' });
}

/** Sets (and removes) job attributes; returns the job as stored afterwards. WriteConflict when `condition` fails. */
export async function updateJob(
  directory: TenantDirectory,
  job: Pick<SubjectRequestJob, 'tenantId' | 'requestId'>,
  set: Partial<SubjectRequestJob>,
  options: { remove?: (keyof SubjectRequestJob)[]; condition?: ItemCondition } = {},
): Promise<SubjectRequestJob> {
  const defined = Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined));
  const item = await directory.updateItem(job.tenantId, jobSortKey(job.requestId), { set: defined, ...(options.remove?.length ? { remove: options.remove } : {}) }, options.condition ?? { kind: 'present' });
  return jobOf(item);
}
