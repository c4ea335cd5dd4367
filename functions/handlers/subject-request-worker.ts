import { InProcessJobRunner } from '../adapters/jobs/in-process-job-runner';
import { LetheError } from '../domain/errors';
import { parseSubjectRequestEvent } from '../domain/subject-requests/request';
import { container } from '../shared/container';
import { workerInvocations } from '../shared/subject-requests-wiring';
import { deliverDueNotices, type DueNoticesResult } from '../usecases/recipients/deliveries';
import { subjectRequestDeps, type SubjectRequestDeps } from '../usecases/subject-requests/deps';
import { fileSubjectRequest } from '../usecases/subject-requests/file-request';
import { requireJob } from '../usecases/subject-requests/job-store';
import { runSubjectRequest } from '../usecases/subject-requests/run-request';
import { viewOf, type SubjectRequestView } from '../usecases/subject-requests/view-request';
import { wakeQueuedRequests, type WakeResult } from '../usecases/subject-requests/wake-requests';

/**
 * The subject-request worker. An operator runs a request from the Lambda console with a test event
 *
 *   { "tenantId": "<ULID>", "type": "erase" | "anonymize" | "export" | "rectify" | "restrict",
 *     "identifiers": { "phone", "email", "visitorId", "name" }, "options": { … } }
 *
 * and gets the request id, its status and the certificate once it is done (within the Lambda's
 * timeout; otherwise invoke it again with `{ "tenantId", "requestId" }` to resume). The same
 * `{ tenantId, requestId }` event starts or resumes a request filed through the API. A bad event
 * is answered with the API's error body, never retried; a failed resumed job is thrown, so an
 * asynchronous invocation is retried (and resumes from its checkpoint). The request of this
 * invocation runs here; a queued request it wakes when it frees its slot runs in an invocation of
 * its own in AWS (with its own timeout), and here too locally.
 *
 * Every 15 minutes a schedule invokes it with `{ "kind": "wake-queued" }`: it starts, each in an
 * invocation of its own (here, locally), the requests that wait too long or whose process died,
 * then sends the recipients' notices that are due (first attempts a crash interrupted, retries).
 */
export type WorkerResult =
  | SubjectRequestView
  | (WakeResult & { notices: DueNoticesResult })
  | { error: ReturnType<LetheError['toBody']>['error'] };

export async function handler(event: unknown): Promise<WorkerResult> {
  const c = container();
  let deps: SubjectRequestDeps;
  const failures: unknown[] = [];
  const runner = new InProcessJobRunner(
    (tenantId, requestId) => runSubjectRequest(deps, tenantId, requestId),
    (error) => failures.push(error),
  );
  const starter = workerInvocations(c) ?? runner;
  deps = subjectRequestDeps(c, starter);
  try {
    const parsed = parseSubjectRequestEvent(event);
    if (parsed.kind === 'wake') {
      const woken = await wakeQueuedRequests(deps, starter);
      await runner.idle();
      return { ...woken, notices: await deliverDueNotices(deps) };
    }
    const requestId =
      parsed.kind === 'new'
        ? (await fileSubjectRequest({ ...deps, runner }, parsed.tenantId, { kind: 'operator' }, parsed.request))
            .requestId
        : parsed.requestId;
    if (parsed.kind === 'resume') await runner.start(parsed.tenantId, requestId);
    await runner.idle();
    const refused = failures.find((f): f is LetheError => f instanceof LetheError);
    if (refused) return refused.toBody();
    const job = await requireJob(deps.directory, parsed.tenantId, requestId);
    c.logger.info('subject request worker done', { tenantId: parsed.tenantId, requestId, status: job.status });
    if (parsed.kind === 'resume' && job.status === 'failed' && failures.length) throw failures[0];
    return await viewOf(deps, job);
  } catch (error) {
    if (error instanceof LetheError) return error.toBody();
    throw error;
  }
}
