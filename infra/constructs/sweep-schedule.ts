import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface SweepScheduleProps {
  ruleName: string;
  /** EventBridge cron fields, UTC (deployment config `sweepCron`). */
  cron: { minute: string; hour: string };
  target: lambda.IFunction;
}

/**
 * Runs the retention sweep on its cron. A failed invocation is retried; a missed night is caught
 * up by the next one, since the sweep works from checkpoints and `expiresAt <= now`.
 */
export class SweepSchedule extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: SweepScheduleProps) {
    super(scope, id);
    this.rule = new events.Rule(this, 'Rule', {
      ruleName: props.ruleName,
      description: 'Nightly retention sweep: delete, anonymise, archive or seal what has expired.',
      schedule: events.Schedule.cron({ minute: props.cron.minute, hour: props.cron.hour }),
      targets: [new targets.LambdaFunction(props.target, { retryAttempts: 2, maxEventAge: Duration.hours(6) })],
    });
  }
}
