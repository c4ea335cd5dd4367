import { assertMaySee, type Caller } from '../../domain/subject-requests/access';
import type { Certificate } from '../../domain/subject-requests/certificate';
import { progressOf, type JobProgress, type JobStatus, type SubjectRequestJob } from '../../domain/subject-requests/job';
import type { SubjectRequestType } from '../../domain/subject-requests/request';
import type { SubjectRequestDeps } from './deps';
import { requireJob } from './job-store';

/** How long a download link of an export package works. */
export const DOWNLOAD_URL_SECONDS = 900;

/** A request as `GET /v1/subject-requests/{id}` shows it: never the subject keys, never an identifier. */
export interface SubjectRequestView {
  requestId: string;
  type: SubjectRequestType;
  status: JobStatus;
  requestedAt: string;
  updatedAt: string;
  round: number;
  cancelRequested: boolean;
  progress: JobProgress;
  result?: Certificate;
  earlierResults?: Certificate[];
  /** A completed export: a fresh short-lived link to its package. */
  download?: { url: string; expiresAt: string };
  error?: { name: string; message: string };
}

export async function viewOf(deps: Pick<SubjectRequestDeps, 'exports' | 'clock'>, job: SubjectRequestJob): Promise<SubjectRequestView> {
  const packaged = job.status === 'completed' && job.exported ? job.exported.key : undefined;
  const download = packaged
    ? {
        url: await deps.exports.presignGet(packaged, DOWNLOAD_URL_SECONDS, { downloadName: `subject-export-${job.requestId}.zip` }),
        expiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
      }
    : undefined;
  return {
    requestId: job.requestId,
    type: job.type,
    status: job.status,
    requestedAt: job.requestedAt,
    updatedAt: job.updatedAt,
    round: job.round,
    cancelRequested: job.cancelRequested,
    progress: progressOf(job),
    ...(job.result ? { result: job.result } : {}),
    ...(job.earlierResults?.length ? { earlierResults: job.earlierResults } : {}),
    ...(download ? { download } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/** GET /v1/subject-requests/{id}: staff see every request; a channel only those it filed. */
export async function viewSubjectRequest(deps: SubjectRequestDeps, tenantId: string, caller: Caller, requestId: string): Promise<SubjectRequestView> {
  const job = await requireJob(deps.directory, tenantId, requestId);
  assertMaySee(caller, job);
  return viewOf(deps, job);
}
