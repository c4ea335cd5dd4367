import { conflict } from '../../domain/errors';
import { assertStaff, requesterOf, type Caller } from '../../domain/access/subject-request-access';
import {
  assertExtendable,
  deadlineOf,
  ExtensionSchema,
  unconfirmedExpiry,
} from '../../domain/subject-requests/deadline';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import { parseOrThrow } from '../../domain/validation';
import { WriteConflict } from '../../ports/write-conflict';
import { loadTenant } from '../ingest/tenant-context';
import { auditRequest } from './audit-request';
import type { SubjectRequestDeps } from './deps';
import { requireJob, updateJob } from './job-store';

/**
 * POST /v1/subject-requests/{id}/extension `{months, reason}`: staff extend the Art. 12(3)
 * deadline by one or two months (two in all at most, decided within the first month). The reason
 * is stored through the tenant's redactor, like every free text. Written to the audit log.
 */
export async function extendDeadline(
  deps: SubjectRequestDeps,
  tenantId: string,
  caller: Caller,
  requestId: string,
  body: unknown,
  from: string,
): Promise<SubjectRequestJob> {
  assertStaff(caller);
  const { months, reason: typed } = parseOrThrow(ExtensionSchema, body, 'The extension');
  const [tenant, job] = await Promise.all([
    loadTenant(deps, tenantId),
    requireJob(deps.directory, tenantId, requestId),
  ]);
  const now = deps.clock.now();
  assertExtendable(job, months, tenant.policy.timeZone, now);
  const extension = { months, reason: tenant.redactor.redact(typed).text, at: now.toISOString(), by: caller.userId };
  const extensions = [...(job.extensions ?? []), extension];
  // Only an unconfirmed request expires before it ends: it is kept past its new due date.
  const kept =
    job.status === 'pending-verification'
      ? { expiresAt: unconfirmedExpiry({ requestedAt: job.requestedAt, extensions }, tenant.policy.timeZone) }
      : {};
  let extended: SubjectRequestJob;
  try {
    extended = await updateJob(
      deps.directory,
      job,
      { extensions, ...kept, updatedAt: now.toISOString() },
      { condition: { kind: 'matches', attributes: { status: job.status, updatedAt: job.updatedAt } } },
    );
  } catch (error) {
    if (error instanceof WriteConflict) throw conflict(`Subject request ${requestId} changed meanwhile: try again.`);
    throw error;
  }
  const { dueAt, extendedMonths } = deadlineOf(extended, tenant.policy.timeZone, now);
  await auditRequest(deps, extended, 'extended', requesterOf(caller), {
    from,
    details: { months, extendedMonths, dueAt },
  });
  return extended;
}
