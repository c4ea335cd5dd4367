import { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';
import { LambdaJobRunner } from '../../../functions/adapters/jobs/lambda-job-runner';
import type { TenantDirectory } from '../../../functions/ports/tenant-directory';
import { buildContainer } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { subjectRequests } from '../../../functions/shared/subject-requests-wiring';
import { startOrQueue } from '../../../functions/usecases/subject-requests/concurrency';

const AWS_ENV = {
  LETHE_APP: 'acme',
  LETHE_ACCOUNT: '111122223333',
  LETHE_HOME_REGION: 'eu-central-1',
  LETHE_REGIONS: 'eu-central-1',
};
const LOCAL_ENV = { ...AWS_ENV, LETHE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' };

describe('which runner starts subject-request jobs', () => {
  it('in AWS the worker Lambda named by LETHE_SUBJECT_REQUEST_WORKER; locally this process', () => {
    // Prepare
    const aws = buildContainer(
      {},
      parseRuntimeConfig({ ...AWS_ENV, LETHE_SUBJECT_REQUEST_WORKER: 'acme-subject-request-worker' }),
    );
    const local = buildContainer({}, parseRuntimeConfig(LOCAL_ENV));

    // Act
    const runners = [subjectRequests(aws).runner, subjectRequests(local).runner];

    // Assess
    expect(runners[0]).toBeInstanceOf(LambdaJobRunner);
    expect(runners[1]).toBeInstanceOf(InProcessJobRunner);
  });

  it('in AWS without LETHE_SUBJECT_REQUEST_WORKER the handler stops at once, naming the variable, instead of leaving requests unstarted', () => {
    // Prepare
    const aws = buildContainer({}, parseRuntimeConfig(AWS_ENV));

    // Act
    const wiring = () => subjectRequests(aws);

    // Assess
    expect(wiring).toThrow(/LETHE_SUBJECT_REQUEST_WORKER is not set/);
  });

  it('a function name that Lambda would refuse is a configuration error', () => {
    expect(() =>
      parseRuntimeConfig({ ...AWS_ENV, LETHE_SUBJECT_REQUEST_WORKER: 'arn:aws:lambda:eu-central-1:1:function:x y' }),
    ).toThrow(/LETHE_SUBJECT_REQUEST_WORKER: must be a Lambda function name/);
  });

  it("a request the runner cannot start waits in the tenant's queue for the next freed slot", async () => {
    // Prepare
    const queued: Record<string, unknown>[] = [];
    const warnings: string[] = [];
    const directory = {
      putItem: async (item: Record<string, unknown>) => void queued.push(item),
    } as unknown as TenantDirectory;
    const runner = { start: () => Promise.reject(new Error('Lambda unreachable')) };

    // Act
    await startOrQueue(
      { directory, runner, logger: { warn: (message: string) => void warnings.push(message) } },
      't1',
      'r1',
    );

    // Assess
    expect(queued).toEqual([{ tenantId: 't1', sk: 'JOBQUEUE#r1', requestId: 'r1' }]);
    expect(warnings).toEqual(['subject request not started; it waits in the queue']);
  });
});
