import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';

export interface ApiErrorRateAlarmProps {
  readonly alarmName: string;
  readonly api: apigw.RestApi;
  /**
   * Share of requests answered 5xx above which the alarm fires.
   * @default 0.05 (5 %)
   */
  readonly maxRate?: number;
  /**
   * Consecutive 5-minute periods above the rate before it fires.
   * @default 2
   */
  readonly periods?: number;
}

/** The API answers too many requests with a server error (the average of 5XXError is their share). */
export class ApiErrorRateAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiErrorRateAlarmProps) {
    super(scope, id);
    const maxRate = props.maxRate ?? 0.05;
    const periods = props.periods ?? 2;
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: `More than ${maxRate * 100} % of API requests answered 5xx for ${periods * 5} minutes; the API's correlation ids lead to the function logs.`,
      metric: props.api.metricServerError({ period: Duration.minutes(5), statistic: cloudwatch.Stats.AVERAGE }),
      threshold: maxRate,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: periods,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
