import type { AuditActor, AuditDetailValue } from '../../domain/audit/entry';
import type { Requester, SubjectRequestJob } from '../../domain/subject-requests/job';
import type { SubjectRequestDeps } from './deps';
import { updateJob } from './job-store';

/** The moments of a request the audit log records. */
export type AuditPhase =
  | 'filed'
  | 'extended'
  | 'confirmed'
  | 'completed'
  | 'incomplete'
  | 'cancelled'
  | 'failed'
  | 'reapplied';

/** Entries name staff by user id and role; a channel, the operator console and Lethe itself as `system`. */
export function actorOf(requester: Requester): AuditActor {
  if (requester.kind === 'admin')
    return { user: requester.userId, role: requester.role === 'legal' ? 'legal' : 'admin', support: requester.support };
  return { user: requester.kind, role: 'system', support: false };
}

/** Appends one `subject-request` entry: the request id, type, round, phase and counts; never an identifier. */
export async function auditRequest(
  deps: Pick<SubjectRequestDeps, 'auditLog' | 'clock'>,
  job: Pick<SubjectRequestJob, 'tenantId' | 'requestId' | 'type' | 'round'>,
  phase: AuditPhase,
  by: Requester,
  options: { from?: string; details?: Record<string, AuditDetailValue> } = {},
): Promise<void> {
  await deps.auditLog.append(job.tenantId, {
    at: deps.clock.now().toISOString(),
    actor: actorOf(by),
    action: 'subject-request',
    from: options.from ?? 'internal',
    details: { requestId: job.requestId, type: job.type, round: job.round, phase, ...options.details },
  });
}

/** How far back a resumed job looks for its own entry when it cannot tell whether it wrote it. */
const RECENT_ENTRIES = 50;

/**
 * Appends the entry of a job's phase exactly once, however often the job is resumed: the job
 * notes the phase it is about to write (`auditing`) and, once written, adds it to `audited`. A job
 * resumed between the two looks for its own entry among the newest ones before writing again.
 */
export async function auditOnce(
  deps: SubjectRequestDeps,
  job: SubjectRequestJob,
  phase: AuditPhase,
  details: Record<string, AuditDetailValue>,
): Promise<SubjectRequestJob> {
  const tag = `${phase}#${job.round}`;
  if (job.audited?.includes(tag)) return job;
  const written = job.auditing === tag && (await alreadyWritten(deps, job, phase));
  if (!written) {
    await updateJob(deps.directory, job, { auditing: tag });
    await auditRequest(deps, job, phase, (phase === 'cancelled' && job.cancelledBy) || job.requestedBy, { details });
  }
  return updateJob(deps.directory, job, { audited: [...(job.audited ?? []), tag] }, { remove: ['auditing'] });
}

async function alreadyWritten(deps: SubjectRequestDeps, job: SubjectRequestJob, phase: AuditPhase): Promise<boolean> {
  const recent = await deps.auditLog.list(job.tenantId, { action: 'subject-request' }, { limit: RECENT_ENTRIES });
  return recent.items.some(
    (e) => e.details.requestId === job.requestId && e.details.phase === phase && e.details.round === job.round,
  );
}
