import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../functions/ports/metrics';

export interface OverdueRequestsAlarmProps {
  readonly alarmName: string;
  /** The deployment's app name: the `service` dimension of its metrics. */
  readonly service: string;
  /**
   * Period of the `SubjectRequestsOverdue` gauge the alarm reads (the wake-up emits it every 15 minutes).
   * @default 1 hour
   */
  readonly period?: Duration;
}

/**
 * Subject requests past their one-month answer deadline (domain/subject-requests/deadline.ts): the
 * wake-up reports how many are still queued or running; one is enough to alarm.
 */
export class OverdueRequestsAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: OverdueRequestsAlarmProps) {
    super(scope, id);
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription:
        'A data subject request is past its one-month answer deadline (GDPR Art. 12(3)) and still queued or running.',
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'SubjectRequestsOverdue',
        dimensionsMap: { service: props.service },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: props.period ?? Duration.hours(1),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
  }
}
