import { InvokeCommand, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import type { JobRunner } from '../../ports/job-runner';

/** The part of the Lambda client the runner uses (the SDK's LambdaClient, or a test's fake). */
export interface LambdaInvoker {
  send(command: InvokeCommand): Promise<InvokeCommandOutput>;
}

/** The event the function resumes the job `requestId` of the tenant from. */
export type JobEvent = (tenantId: string, requestId: string) => unknown;

/**
 * Starts a job in AWS: an asynchronous invocation (`Event`) of the function that runs it, with the
 * event `eventOf` builds (the subject-request worker's `{ tenantId, requestId }`, the offboarding
 * function's package event). Lambda answers once the event is queued; the function runs the job
 * in its own invocation, and Lambda retries an invocation that throws, which resumes the job.
 */
export class LambdaJobRunner implements JobRunner {
  constructor(
    private readonly lambda: LambdaInvoker,
    private readonly functionName: string,
    private readonly eventOf: JobEvent,
  ) {}

  async start(tenantId: string, requestId: string): Promise<void> {
    const event = this.eventOf(tenantId, requestId);
    const out = await this.lambda.send(
      new InvokeCommand({
        FunctionName: this.functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(event)),
      }),
    );
    // 202 is "queued"; anything else means the job was not handed over (the caller records that).
    if (out.StatusCode !== 202)
      throw new Error(`the function ${this.functionName} did not accept the job (status ${out.StatusCode ?? 'none'})`);
  }
}
