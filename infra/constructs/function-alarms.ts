import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

export interface FunctionAlarmsProps {
  /** The function's physical name: the alarms are `<name>-errors` and `<name>-throttles`. */
  readonly functionName: string;
  readonly function: lambda.IFunction;
  /**
   * How long errors and throttles are summed before the alarm compares them to the threshold.
   * @default 5 minutes
   */
  readonly period?: Duration;
}

/**
 * A Lambda that failed or was turned away: one alarm as soon as one invocation errs (an
 * exception, a timeout, running out of memory), one as soon as one is throttled.
 */
export class FunctionAlarms extends Construct {
  readonly errors: cloudwatch.Alarm;
  readonly throttles: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FunctionAlarmsProps) {
    super(scope, id);
    const period = props.period ?? Duration.minutes(5);
    const atLeastOne = (alarmId: string, metric: cloudwatch.Metric, what: string) =>
      new cloudwatch.Alarm(this, alarmId, {
        alarmName: `${props.functionName}-${alarmId.toLowerCase()}`,
        alarmDescription: `${props.functionName}: ${what}. Its log group /aws/lambda/${props.functionName} says why.`,
        metric,
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
    this.errors = atLeastOne(
      'Errors',
      props.function.metricErrors({ period, statistic: cloudwatch.Stats.SUM }),
      'an invocation failed',
    );
    this.throttles = atLeastOne(
      'Throttles',
      props.function.metricThrottles({ period, statistic: cloudwatch.Stats.SUM }),
      'an invocation was throttled',
    );
  }
}
