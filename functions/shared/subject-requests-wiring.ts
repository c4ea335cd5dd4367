import { InProcessJobRunner } from '../adapters/jobs/in-process-job-runner';
import type { JobRunner } from '../ports/job-runner';
import { subjectRequestDeps, type SubjectRequestDeps } from '../usecases/subject-requests/deps';
import { runSubjectRequest } from '../usecases/subject-requests/run-request';
import { asyncInvocations } from './async-invocations';
import type { Container } from './container';

const wired = new WeakMap<Container, SubjectRequestDeps>();
const invokers = new WeakMap<Container, JobRunner>();

/**
 * The runner that starts a job in an invocation of its own: in AWS an asynchronous invocation of
 * the subject-request worker named by LETHE_SUBJECT_REQUEST_WORKER. Undefined locally, where the
 * runtime serves every handler in one process and jobs run in its background.
 */
export function workerInvocations(c: Container): JobRunner | undefined {
  if (c.config.local) return undefined;
  let runner = invokers.get(c);
  if (!runner) {
    runner = asyncInvocations(c, {
      functionName: c.config.subjectRequestWorker,
      variable: 'LETHE_SUBJECT_REQUEST_WORKER',
      access: 'jobs:invoke',
      event: (tenantId, requestId) => ({ tenantId, requestId }),
    });
    invokers.set(c, runner);
  }
  return runner;
}

/**
 * The subject-request use cases' dependencies for a handler that files, confirms or re-applies
 * requests (API, holds), built once per container. Jobs start through the worker Lambda in AWS,
 * and in the background of this process locally.
 */
export function subjectRequests(c: Container): SubjectRequestDeps {
  let deps = wired.get(c);
  if (!deps) {
    const runner =
      workerInvocations(c) ??
      new InProcessJobRunner(
        (tenantId, requestId) => runSubjectRequest(deps!, tenantId, requestId),
        (error, ids) =>
          c.logger.warn('subject request stopped; it resumes when invoked again', {
            ...ids,
            error: error instanceof Error ? error.name : 'unknown',
          }),
      );
    deps = subjectRequestDeps(c, runner);
    wired.set(c, deps);
  }
  return deps;
}
