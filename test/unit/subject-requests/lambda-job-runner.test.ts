import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { LambdaJobRunner, type LambdaInvoker } from '../../../functions/adapters/jobs/lambda-job-runner';
import { parseSubjectRequestEvent } from '../../../functions/domain/subject-requests/request';

const TENANT = '01JD0000000000000000000000';
const REQUEST = '01JD0000000000000000000001';
const WORKER = 'acme-subject-request-worker';

/** A fake of the Lambda client behind the same `send` the SDK client offers: it records each command and answers `answer`. */
function fakeLambda(answer: () => Promise<Partial<InvokeCommandOutput>>): LambdaInvoker & { sent: InvokeCommand[] } {
  const sent: InvokeCommand[] = [];
  return {
    sent,
    send: async (command) => {
      sent.push(command);
      return { $metadata: {}, ...(await answer()) };
    },
  };
}

/** The worker's resume event, as functions/shared/subject-requests-wiring.ts builds it. */
const resumeEvent = (tenantId: string, requestId: string) => ({ tenantId, requestId });

const payloadOf = (command: InvokeCommand): unknown =>
  JSON.parse(new TextDecoder().decode(command.input.Payload as Uint8Array));

describe('the Lambda job runner (AWS)', () => {
  it('starts a job as one asynchronous invocation of the worker, with the { tenantId, requestId } event the worker resumes jobs from', async () => {
    // Prepare
    const lambda = fakeLambda(async () => ({ StatusCode: 202 }));
    const runner = new LambdaJobRunner(lambda, WORKER, resumeEvent);

    // Act
    await runner.start(TENANT, REQUEST);

    // Assess
    expect(lambda.sent).toHaveLength(1);
    const [command] = lambda.sent;
    expect(command).toBeInstanceOf(InvokeCommand);
    expect(command.input).toMatchObject({ FunctionName: WORKER, InvocationType: 'Event' });
    expect(payloadOf(command)).toEqual({ tenantId: TENANT, requestId: REQUEST });
    expect(parseSubjectRequestEvent(payloadOf(command))).toEqual({
      kind: 'resume',
      tenantId: TENANT,
      requestId: REQUEST,
    });
  });

  it('fails when Lambda does not queue the invocation, so the caller can leave the job in the queue', async () => {
    // Prepare
    const throttled = new LambdaJobRunner(
      fakeLambda(() => Promise.reject(Object.assign(new Error('Rate exceeded'), { name: 'TooManyRequestsException' }))),
      WORKER,
      resumeEvent,
    );
    const notQueued = new LambdaJobRunner(
      fakeLambda(async () => ({ StatusCode: 200 })),
      WORKER,
      resumeEvent,
    );

    // Act
    const outcomes = await Promise.allSettled([throttled.start(TENANT, REQUEST), notQueued.start(TENANT, REQUEST)]);

    // Assess
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect((outcomes[0] as PromiseRejectedResult).reason).toMatchObject({ name: 'TooManyRequestsException' });
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toContain(
      `${WORKER} did not accept the job (status 200)`,
    );
  });
});
