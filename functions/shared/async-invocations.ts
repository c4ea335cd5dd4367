import { AwsClients } from '../adapters/aws-clients';
import { LambdaJobRunner } from '../adapters/jobs/lambda-job-runner';
import type { JobRunner } from '../ports/job-runner';
import type { Container } from './container';

/** A function other handlers start asynchronously: its name's variable, the grant that sets it, and its event. */
export interface AsyncTarget {
  /** The function's name, from the runtime config (undefined when the variable is not set). */
  functionName: string | undefined;
  /** The environment variable that names it, for the error when it is missing. */
  variable: string;
  /** The access kind in infra/config/handlers.ts that sets the variable. */
  access: string;
  event: (tenantId: string, requestId: string) => unknown;
}

/**
 * The runner that starts a job as an asynchronous invocation of `target` (in AWS). A handler that
 * needs one and lacks its variable stops at once, naming the variable and the grant to add,
 * rather than leaving jobs that nothing will start.
 */
export function asyncInvocations(c: Container, target: AsyncTarget): JobRunner {
  const name = target.functionName;
  if (!name)
    throw new Error(
      `Lethe configuration is not valid: ${target.variable} is not set (the handler needs ${target.access} in infra/config/handlers.ts)`,
    );
  return new LambdaJobRunner(new AwsClients(c.config).lambdaFor(c.config.homeRegion), name, target.event);
}
