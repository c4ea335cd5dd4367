import { InProcessJobRunner } from '../adapters/jobs/in-process-job-runner';
import { subjectRequestDeps, type SubjectRequestDeps } from '../usecases/subject-requests/deps';
import { runSubjectRequest } from '../usecases/subject-requests/run-request';
import type { Container } from './container';

const wired = new WeakMap<Container, SubjectRequestDeps>();

/**
 * The subject-request use cases' dependencies for a handler, built once per container. Jobs are
 * started through a JobRunner: locally (the runtime serves every handler in one process) in the
 * background of this process. In AWS that runner must invoke the worker Lambda asynchronously,
 * which needs @aws-sdk/client-lambda (not installed): there is no runner there yet, so a request
 * filed through the API waits in the queue until the worker is invoked with its id.
 */
export function subjectRequests(c: Container): SubjectRequestDeps {
  let deps = wired.get(c);
  if (!deps) {
    const runner = c.config.local
      ? new InProcessJobRunner(
          (tenantId, requestId) => runSubjectRequest(deps!, tenantId, requestId),
          (error, ids) => c.logger.warn('subject request stopped; it resumes when invoked again', { ...ids, error: error instanceof Error ? error.name : 'unknown' }),
        )
      : undefined;
    deps = subjectRequestDeps(c, runner);
    wired.set(c, deps);
  }
  return deps;
}
