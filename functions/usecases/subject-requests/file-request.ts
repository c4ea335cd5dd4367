import { ulid } from 'ulid';
import { LetheError, notFound, validationFailed } from '../../domain/errors';
import type { SubjectIdentifiers } from '../../domain/records';
import type { Requester, SubjectRequestJob } from '../../domain/subject-requests/job';
import {
  searchedKinds,
  storedOptions,
  SubjectRequestSchema,
  type SubjectRequest,
} from '../../domain/subject-requests/request';
import { receivedInstant, unconfirmedExpiry } from '../../domain/subject-requests/deadline';
import { verificationHints } from '../../domain/subject-requests/verification-hints';
import { subjectKeysOf, type SubjectKey } from '../../domain/subject/subject-key';
import { parseOrThrow } from '../../domain/validation';
import { assertObjectable } from '../../domain/ingest/objection';
import { auditRequest } from './audit-request';
import { startOrQueue } from './concurrency';
import type { SubjectRequestDeps } from './deps';
import { createJob } from './job-store';
import { sealCorrections } from './sealed-corrections';

/** Subject keys of identifiers sent under `path`, errors named by their full path. */
function keysAt(identifiers: SubjectIdentifiers, secret: Uint8Array, callingCode: string, path: string): SubjectKey[] {
  try {
    return subjectKeysOf(identifiers, secret, callingCode);
  } catch (error) {
    if (!(error instanceof LetheError)) throw error;
    throw validationFailed(
      error.fields.map((f) => ({ ...f, path: `${path}.${f.path}` })),
      error.message,
    );
  }
}

/**
 * Files a subject request. The identifiers are normalised and hashed with the tenant secret at
 * once; only the keyed hashes and the kinds searched are stored (a rectification also keeps the
 * corrected values, sealed by KMS, until it is done). Staff and operator requests are queued and
 * started; a channel's request waits in `pending-verification` until an admin confirms it.
 * Written to the audit log.
 */
export async function fileSubjectRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  requestedBy: Requester,
  body: unknown,
  from = 'internal',
): Promise<SubjectRequestJob> {
  const request: SubjectRequest = parseOrThrow(SubjectRequestSchema, body, 'The subject request');
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`Tenant ${tenantId}`);
  if (request.type === 'object') assertObjectable(current.policy, request.options.purpose, 'options.purpose');
  const secret = await deps.tenantSecrets.subjectIndexSecret(tenantId);
  const callingCode = current.policy.defaultCallingCode;
  const subjectKeys = keysAt(request.identifiers, secret, callingCode, 'identifiers');
  const now = deps.clock.now();
  const receivedAt = receivedInstant(request.receivedAt, now).toISOString();
  const requestId = ulid(now.getTime());
  const rectify =
    request.type === 'rectify'
      ? {
          correctedKeys: keysAt(request.options.corrected, secret, callingCode, 'options.corrected'),
          sealedCorrections: await sealCorrections(deps, tenantId, requestId, request.options.corrected),
        }
      : {};
  const pending = requestedBy.kind === 'channel';
  const job: SubjectRequestJob = {
    tenantId,
    requestId,
    type: request.type,
    status: pending ? 'pending-verification' : 'queued',
    requestedAt: receivedAt,
    requestedBy,
    searchedBy: searchedKinds(request.identifiers),
    ...(pending ? { verifyAgainst: verificationHints(request.identifiers) } : {}),
    subjectKeys,
    ...rectify,
    options: storedOptions(request),
    step: 0,
    round: 1,
    passes: 0,
    done: 0,
    cancelRequested: false,
    attempts: 0,
    updatedAt: now.toISOString(),
    ...(pending ? { expiresAt: unconfirmedExpiry({ requestedAt: receivedAt }, current.policy.timeZone) } : {}),
  };
  await createJob(deps.directory, job);
  deps.metrics.count('SubjectRequestsOpened', 1);
  await auditRequest(deps, job, 'filed', requestedBy, {
    from,
    details: {
      status: job.status,
      identifierKinds: job.searchedBy.join(','),
      ...(request.receivedAt ? { receivedAt } : {}),
    },
  });
  if (!pending) await startOrQueue(deps, tenantId, requestId);
  return job;
}
