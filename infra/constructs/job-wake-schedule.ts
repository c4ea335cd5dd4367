import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { WAKE_QUEUED_EVENT } from '../../functions/domain/subject-requests/wake';

export interface JobWakeScheduleProps {
  ruleName: string;
  /** The subject-request worker. */
  target: lambda.IFunction;
  /** Default 15 minutes. */
  every?: Duration;
}

/**
 * Invokes the subject-request worker with `{ "kind": "wake-queued" }` at a fixed rate, so a request
 * that no finishing job started, or whose process died, is started again (functions/domain/
 * subject-requests/wake.ts). A missed run is harmless: the next one finds the same requests.
 */
export class JobWakeSchedule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: JobWakeScheduleProps) {
    super(scope, id);
    const every = props.every ?? Duration.minutes(15);
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: props.ruleName,
      description: 'Starts subject requests that wait too long or whose process died.',
      schedule: events.Schedule.rate(every),
      targets: [
        new targets.LambdaFunction(props.target, {
          event: events.RuleTargetInput.fromObject(WAKE_QUEUED_EVENT),
          retryAttempts: 2,
          maxEventAge: every,
        }),
      ],
    });
  }
}
