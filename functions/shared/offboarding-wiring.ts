import { AwsClients } from '../adapters/aws-clients';
import { InProcessJobRunner } from '../adapters/jobs/in-process-job-runner';
import { LambdaJobRunner } from '../adapters/jobs/lambda-job-runner';
import { packageJobEvent } from '../domain/offboarding/package-job';
import type { JobRunner } from '../ports/job-runner';
import { buildTenantPackage } from '../usecases/offboarding/build-package';
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
  const name = c.config.offboardingFunction;
  if (!name)
    throw new Error('Lethe configuration is not valid: LETHE_OFFBOARDING_FUNCTION is not set (the offboarding handler needs offboarding:invoke in infra/config/handlers.ts)');
  return new LambdaJobRunner(new AwsClients(c.config).lambdaFor(c.config.homeRegion), name, packageJobEvent);
}

function inProcess(c: Container): JobRunner {
  return new InProcessJobRunner(
    (tenantId, requestId) => buildTenantPackage(c, tenantId, requestId),
    // The build recorded its failure on the termination; the log line names the ids only.
    (error, ids) => c.logger.warn('offboarding package build stopped', { ...ids, error: error instanceof Error ? error.name : 'unknown' }),
  );
}
