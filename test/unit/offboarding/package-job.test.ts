import type { InvokeCommand, InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { InProcessJobRunner } from '../../../functions/adapters/jobs/in-process-job-runner';
import { LambdaJobRunner, type LambdaInvoker } from '../../../functions/adapters/jobs/lambda-job-runner';
import { packageJobEvent, parsePackageJobEvent } from '../../../functions/domain/offboarding/package-job';
import { handler } from '../../../functions/handlers/offboarding-api';
import { buildContainer } from '../../../functions/shared/container';
import { packageBuilds } from '../../../functions/shared/offboarding-wiring';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';

const TENANT = '01JD0000000000000000000000';
const REQUEST = '01JD0000000000000000000001';
const OFFBOARDING = 'acme-offboarding-api';
const AWS_ENV = {
  LETHE_APP: 'acme',
  LETHE_ACCOUNT: '111122223333',
  LETHE_HOME_REGION: 'eu-central-1',
  LETHE_REGIONS: 'eu-central-1',
};
const LOCAL_ENV = { ...AWS_ENV, LETHE_DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' };

/** A fake of the Lambda client: records each command and answers "queued". */
function fakeLambda(): LambdaInvoker & { sent: InvokeCommand[] } {
  const sent: InvokeCommand[] = [];
  return {
    sent,
    send: async (command) => (sent.push(command), { $metadata: {}, StatusCode: 202 } as InvokeCommandOutput),
  };
}

describe('building an offboarding package in an invocation of its own', () => {
  it('starts the build as one asynchronous invocation of the offboarding function with { kind: "offboarding-package", tenantId, requestId }', async () => {
    // Prepare
    const lambda = fakeLambda();
    const runner = new LambdaJobRunner(lambda, OFFBOARDING, packageJobEvent);

    // Act
    await runner.start(TENANT, REQUEST);

    // Assess
    expect(lambda.sent).toHaveLength(1);
    expect(lambda.sent[0].input).toMatchObject({ FunctionName: OFFBOARDING, InvocationType: 'Event' });
    const payload = JSON.parse(new TextDecoder().decode(lambda.sent[0].input.Payload as Uint8Array)) as unknown;
    expect(payload).toEqual({ kind: 'offboarding-package', tenantId: TENANT, requestId: REQUEST });
    expect(parsePackageJobEvent(payload)).toEqual(payload);
  });

  it('answers any other direct event with a validation error naming each bad field, without touching anything', async () => {
    // Prepare: a subject-request event sent to the wrong function, a misspelt kind, a bad tenant id, an extra field
    const events: unknown[] = [
      { tenantId: TENANT, requestId: REQUEST },
      { kind: 'offboarding-packages', tenantId: TENANT, requestId: REQUEST },
      { kind: 'offboarding-package', tenantId: 'tenant-1', requestId: REQUEST },
      { kind: 'offboarding-package', tenantId: TENANT, requestId: REQUEST, purge: true },
      'build it',
    ];

    // Act
    const answers = await Promise.all(events.map((event) => handler(event)));

    // Assess
    const fieldsOf = (answer: unknown) =>
      (answer as { error: { fields?: Array<{ path: string }> } }).error.fields?.map((f) => f.path);
    for (const answer of answers)
      expect(answer).toMatchObject({
        error: { code: 'VALIDATION_FAILED', message: 'The offboarding package event is not valid.' },
      });
    expect(fieldsOf(answers[0])).toEqual(['kind']);
    expect(answers[1]).toMatchObject({
      error: { fields: [{ path: 'kind', message: 'must be "offboarding-package"' }] },
    });
    expect(fieldsOf(answers[2])).toEqual(['tenantId']);
    expect(fieldsOf(answers[3])).toEqual(['(root)']);
    expect(fieldsOf(answers[4])).toEqual(['(root)']);
  });

  it('starts builds through the offboarding function named by LETHE_OFFBOARDING_FUNCTION in AWS, in this process locally, and stops at once without the name', () => {
    // Prepare
    const aws = buildContainer({}, parseRuntimeConfig({ ...AWS_ENV, LETHE_OFFBOARDING_FUNCTION: OFFBOARDING }));
    const local = buildContainer({}, parseRuntimeConfig(LOCAL_ENV));
    const unnamed = buildContainer({}, parseRuntimeConfig(AWS_ENV));

    // Act
    const runners = [packageBuilds(aws), packageBuilds(local)];

    // Assess
    expect(runners[0]).toBeInstanceOf(LambdaJobRunner);
    expect(runners[1]).toBeInstanceOf(InProcessJobRunner);
    expect(() => packageBuilds(unnamed)).toThrow(/LETHE_OFFBOARDING_FUNCTION is not set/);
  });
});
