import type { IdentifierKind } from '../data-class';
import { conflict } from '../errors';
import type { SubjectKey } from '../subject/subject-key';
import type { Certificate, ExportSummary, Verification } from './certificate';
import type { DeadlineExtension } from './deadline';
import type { JobStatus } from './job-status';
import type { Inventory } from './inventory';
import type { SubjectRequestType } from './request';
import type { VerificationHint } from './verification-hints';

/** Who filed the request: staff (with role), a channel on behalf of its end user, the operator console, or Lethe itself. */
export type Requester =
  | { kind: 'admin'; userId: string; role: string; support: boolean }
  | { kind: 'channel' }
  | { kind: 'operator' }
  | { kind: 'system' };

/** Every request takes the same four steps; the second is its own action. */
export type StepName =
  | 'inventory'
  | 'erase'
  | 'anonymize'
  | 'package'
  | 'rectify'
  | 'restrict'
  | 'object'
  | 'verify'
  | 'certify';

const ACTION_STEP: Record<SubjectRequestType, StepName> = {
  erase: 'erase',
  anonymize: 'anonymize',
  export: 'package',
  rectify: 'rectify',
  restrict: 'restrict',
  object: 'object',
};

export const stepsOf = (type: SubjectRequestType): StepName[] => ['inventory', ACTION_STEP[type], 'verify', 'certify'];

/** The job as kept in the directory (`JOB#<requestId>`). Nothing in it names the subject in clear. */
export interface SubjectRequestJob {
  tenantId: string;
  requestId: string;
  type: SubjectRequestType;
  status: JobStatus;
  requestedAt: string;
  requestedBy: Requester;
  confirmedAt?: string;
  searchedBy: IdentifierKind[];
  /** A channel's request, until confirmed or closed: masked hints of the identifiers filed, to verify the person against. */
  verifyAgainst?: VerificationHint[];
  /** Extensions of the Art. 12(3) deadline, with their (redacted) reasons. */
  extensions?: DeadlineExtension[];
  /** Keyed hashes to find the subject by: kept while the job may still need them (running, deferred), then removed. */
  subjectKeys?: SubjectKey[];
  /** Rectify: keyed hashes of the corrected values, and the values themselves sealed by KMS until done. */
  correctedKeys?: SubjectKey[];
  sealedCorrections?: string;
  options: Record<string, string | boolean | string[]>;
  /** Index of the next step to run in `stepsOf(type)`. */
  step: number;
  /** 1 for the first run; +1 each time a hold release re-applies a deferred erasure. */
  round: number;
  /** Passes of the action step: a verification that finds records left sends the job back to a new inventory. */
  passes: number;
  inventory?: Inventory;
  /** Partitions handled by the action step so far, of `inventory.partitions`. */
  done: number;
  cancelRequested: boolean;
  cancelledBy?: Requester;
  attempts: number;
  result?: Certificate;
  /** Certificates of earlier rounds (before a hold release re-applied the erasure). */
  earlierResults?: Certificate[];
  /** Export: the package written to the exports bucket. */
  exported?: ExportSummary;
  /** The verification step's re-scan, kept for the certificate. */
  verification?: Verification;
  /** Audit phases written for this job, and the one being written (see auditOnce). */
  audited?: string[];
  auditing?: string;
  /** The concurrency slot the job holds while it runs. */
  slot?: number;
  error?: { name: string; message: string };
  updatedAt: string;
  /** Epoch seconds: when the certificate's retention ends (DynamoDB TTL). */
  expiresAt?: number;
}

/** Whether an invocation may (re)start the job: queued, running (crashed or still leased) or failed. */
export function assertRunnable(job: Pick<SubjectRequestJob, 'status' | 'requestId'>): void {
  if (job.status === 'pending-verification')
    throw conflict(`Subject request ${job.requestId} waits for an admin to confirm it.`);
}

/** What cancelling does in each status: at once before the job runs, at the next record while it runs. */
export function cancellation(status: JobStatus): 'now' | 'at-next-record' {
  if (status === 'running') return 'at-next-record';
  if (status === 'pending-verification' || status === 'queued' || status === 'failed') return 'now';
  throw conflict(`The subject request is already ${status}.`);
}

export function assertConfirmable(job: Pick<SubjectRequestJob, 'status' | 'requestId'>): void {
  if (job.status !== 'pending-verification')
    throw conflict(
      `Subject request ${job.requestId} is ${job.status}: only a request pending verification can be confirmed.`,
    );
}

export interface JobProgress {
  step: StepName | 'done';
  stepIndex: number;
  steps: number;
  partitionsDone: number;
  partitionsTotal: number;
  /** 0 to 100: whole steps done plus the share of the action step. */
  percent: number;
}

export function progressOf(
  job: Pick<SubjectRequestJob, 'type' | 'step' | 'done' | 'inventory' | 'status'>,
): JobProgress {
  const steps = stepsOf(job.type);
  const total = job.inventory?.partitions ?? 0;
  const finished = job.status === 'completed';
  const actionShare = job.step === 1 && total > 0 ? Math.min(job.done, total) / total : 0;
  const percent = finished ? 100 : Math.floor(((Math.min(job.step, steps.length) + actionShare) / steps.length) * 100);
  return {
    step: finished || job.step >= steps.length ? 'done' : steps[job.step],
    stepIndex: Math.min(job.step, steps.length),
    steps: steps.length,
    partitionsDone: Math.min(job.done, total),
    partitionsTotal: total,
    percent,
  };
}
