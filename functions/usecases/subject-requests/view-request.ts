import { assertMaySee, type Caller } from '../../domain/access/subject-request-access';
import type { Certificate } from '../../domain/subject-requests/certificate';
import { deadlineOf, type Deadline, type DeadlineExtension } from '../../domain/subject-requests/deadline';
import { progressOf, type JobProgress, type SubjectRequestJob } from '../../domain/subject-requests/job';
import type { JobStatus } from '../../domain/subject-requests/job-status';
import type { SubjectRequestType } from '../../domain/subject-requests/request';
import type { VerificationHint } from '../../domain/subject-requests/verification-hints';
import { notFound } from '../../domain/errors';
import type { DeliveryLogEntry } from '../../domain/recipients/delivery';
import { deliveryLog } from '../recipients/deliveries';
import type { SubjectRequestDeps } from './deps';
import { requireJob } from './job-store';

/** How long a download link of an export package works. */
export const DOWNLOAD_URL_SECONDS = 900;

/** A request as the desk lists it: what it is, who filed it, and its Art. 12(3) deadline. */
export interface SubjectRequestSummary extends Deadline {
  requestId: string;
  type: SubjectRequestType;
  status: JobStatus;
  /** A channel on behalf of its end user, or staff (an admin, the operator console, Lethe itself). */
  filedBy: 'channel' | 'staff';
  requestedAt: string;
  updatedAt: string;
}

/** A request as `GET /v1/subject-requests/{id}` shows it: never the subject keys, never an identifier. */
export interface SubjectRequestView extends SubjectRequestSummary {
  extensions?: DeadlineExtension[];
  /** Pending verification: the identifier kinds filed, masked, to check the person against. */
  verifyAgainst?: VerificationHint[];
  round: number;
  cancelRequested: boolean;
  progress: JobProgress;
  result?: Certificate;
  earlierResults?: Certificate[];
  /** A completed export: a fresh short-lived link to its package. */
  download?: { url: string; expiresAt: string };
  /** The webhooks telling the policy's recipients what the request did: per recipient and round, attempts, last status, delivery time. */
  deliveries?: DeliveryLogEntry[];
  error?: { name: string; message: string };
}

export const filedByOf = (job: Pick<SubjectRequestJob, 'requestedBy'>): SubjectRequestSummary['filedBy'] =>
  job.requestedBy.kind === 'channel' ? 'channel' : 'staff';

export function summaryOf(job: SubjectRequestJob, timeZone: string, now: Date): SubjectRequestSummary {
  return {
    requestId: job.requestId,
    type: job.type,
    status: job.status,
    filedBy: filedByOf(job),
    requestedAt: job.requestedAt,
    updatedAt: job.updatedAt,
    ...deadlineOf(job, timeZone, now),
  };
}

/** The tenant's time zone, in which its deadlines fall. */
export async function timeZoneOf(deps: Pick<SubjectRequestDeps, 'directory'>, tenantId: string): Promise<string> {
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`Tenant ${tenantId}`);
  return current.policy.timeZone;
}

export async function viewOf(
  deps: Pick<SubjectRequestDeps, 'exports' | 'clock' | 'directory'>,
  job: SubjectRequestJob,
): Promise<SubjectRequestView> {
  const packaged = job.status === 'completed' && job.exported ? job.exported.key : undefined;
  const download = packaged
    ? {
        url: await deps.exports.presignGet(packaged, DOWNLOAD_URL_SECONDS, {
          downloadName: `subject-export-${job.requestId}.zip`,
        }),
        expiresAt: new Date(deps.clock.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
      }
    : undefined;
  const deliveries = job.result ? await deliveryLog(deps, job.tenantId, job.requestId) : [];
  const withRecipients = (certificate: Certificate): Certificate => {
    const told = deliveries.filter((d) => d.round === certificate.round);
    return told.length ? { ...certificate, recipients: told } : certificate;
  };
  return {
    ...summaryOf(job, await timeZoneOf(deps, job.tenantId), deps.clock.now()),
    ...(job.extensions?.length ? { extensions: job.extensions } : {}),
    ...(job.status === 'pending-verification' && job.verifyAgainst ? { verifyAgainst: job.verifyAgainst } : {}),
    round: job.round,
    cancelRequested: job.cancelRequested,
    progress: progressOf(job),
    ...(job.result ? { result: withRecipients(job.result) } : {}),
    ...(job.earlierResults?.length ? { earlierResults: job.earlierResults.map(withRecipients) } : {}),
    ...(download ? { download } : {}),
    ...(deliveries.length ? { deliveries } : {}),
    ...(job.error ? { error: job.error } : {}),
  };
}

/** GET /v1/subject-requests/{id}: staff see every request; a channel only those it filed. */
export async function viewSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  caller: Caller,
  requestId: string,
): Promise<SubjectRequestView> {
  const job = await requireJob(deps.directory, tenantId, requestId);
  assertMaySee(caller, job);
  return viewOf(deps, job);
}
