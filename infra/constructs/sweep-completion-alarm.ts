import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE } from '../../functions/ports/metrics';

export interface SweepCompletionAlarmProps {
  readonly alarmName: string;
  /** The deployment's app name: the `service` dimension of its metrics. */
  readonly service: string;
  /**
   * How long without a completed sweep before the alarm fires: a nightly sweep plus slack.
   * @default 30 hours
   */
  readonly window?: Duration;
}

/**
 * A retention sweep that did not finish: no `SweepsCompleted` (emitted when a run over every
 * tenant reached every unit, usecases/nightly-sweep/sweep-metrics.ts) within the window. Missing data
 * counts as breaching: a sweep that never ran, crashed or stopped early all look the same here.
 */
export class SweepCompletionAlarm extends Construct {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: SweepCompletionAlarmProps) {
    super(scope, id);
    const window = props.window ?? Duration.hours(30);
    const periods = 5;
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmName: props.alarmName,
      alarmDescription: `No retention sweep finished in ${window.toHumanString()}: records may be kept past their retention. See the retention-sweep function's log and the failed-invocations queue.`,
      metric: new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName: 'SweepsCompleted',
        dimensionsMap: { service: props.service },
        statistic: cloudwatch.Stats.SUM,
        period: Duration.seconds(window.toSeconds() / periods),
      }),
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    });
  }
}
