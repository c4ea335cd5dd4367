import { InProcessJobRunner } from '../adapters/jobs/in-process-job-runner';
import { packageJobEvent } from '../domain/offboarding/package-job';
import type { JobRunner } from '../ports/job-runner';
import { buildTenantPackage } from '../usecases/offboarding/build-package';
import { asyncInvocations } from './async-invocations';
import type { Container } from './container';

const runners = new WeakMap<Container, JobRunner>();

/**
 * Where terminations start their export packages, built once per container: in AWS an
 * asynchronous invocation of the offboarding function itself (LETHE_OFFBOARDING_FUNCTION) with the
 * package event; locally (one process serves every handler, the CLI and the tests) in the
 * background of this process.
 */
export function packageBuilds(c: Container): JobRunner {
  let runner = runners.get(c);
  if (!runner) {
    runner = c.config.local ? inProcess(c) : invocations(c);
    runners.set(c, runner);
  }
  return runner;
}

function invocations(c: Container): JobRunner {
  return asyncInvocations(c, {
    functionName: c.config.offboardingFunction,
    variable: 'LETHE_OFFBOARDING_FUNCTION',
    access: 'offboarding:invoke',
    event: packageJobEvent,
  });
}

function inProcess(c: Container): JobRunner {
  return new InProcessJobRunner(
    (tenantId, requestId) => buildTenantPackage(c, tenantId, requestId),
    // The build recorded its failure on the termination; the log line names the ids only.
    (error, ids) =>
      c.logger.warn('offboarding package build stopped', {
        ...ids,
        error: error instanceof Error ? error.name : 'unknown',
      }),
  );
}
