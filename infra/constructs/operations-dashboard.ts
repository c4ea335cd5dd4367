import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRICS_NAMESPACE, type BusinessMetric } from '../../functions/ports/metrics';

export interface OperationsDashboardProps {
  readonly dashboardName: string;
  /** The deployment's app name: the `service` dimension of its business metrics. */
  readonly service: string;
  readonly api: apigw.RestApi;
  /** Every function, by handler name. */
  readonly functions: ReadonlyMap<string, lambda.IFunction>;
  /** @default no queue widget */
  readonly failedInvocations?: sqs.IQueue;
  /** The alarms shown in the status widget. @default none */
  readonly alarms?: readonly cloudwatch.IAlarm[];
}

const RECORD_METRICS: BusinessMetric[] = ['RecordsDeleted', 'RecordsAnonymised', 'RecordsArchived', 'RecordsSealed'];
const REQUEST_METRICS: BusinessMetric[] = [
  'SubjectRequestsOpened',
  'SubjectRequestsCompleted',
  'HoldsPlaced',
  'HoldsReleased',
];

/**
 * One page for the operator: alarm states, API traffic and errors, every function's errors,
 * throttles and duration, the failed-invocations queue, and the business metrics (records the
 * sweep handled by class, subject requests, holds).
 */
export class OperationsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const period = Duration.minutes(5);
    const fns = [...props.functions.entries()];
    const business = (
      metricName: BusinessMetric,
      statistic: string = cloudwatch.Stats.SUM,
      dimensionsMap: Record<string, string> = {},
    ) =>
      new cloudwatch.Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        statistic,
        period: Duration.hours(1),
        dimensionsMap: { service: props.service, ...dimensionsMap },
      });
    // Records are counted per data class: a search expression shows every class that had any.
    const recordsByClass = (metricName: BusinessMetric) =>
      new cloudwatch.MathExpression({
        expression: `SEARCH('{${METRICS_NAMESPACE},service,dataClass} MetricName="${metricName}" service="${props.service}"', 'Sum', 3600)`,
        label: metricName,
        period: Duration.hours(1),
      });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.days(1),
    });
    if (props.alarms?.length)
      this.dashboard.addWidgets(
        new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24 }),
      );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API requests',
        left: [props.api.metricCount({ period, statistic: cloudwatch.Stats.SUM })],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API errors (share of requests)',
        left: [
          props.api.metricServerError({ period, statistic: cloudwatch.Stats.AVERAGE }),
          props.api.metricClientError({ period, statistic: cloudwatch.Stats.AVERAGE }),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency p99',
        left: [props.api.metricLatency({ period, statistic: 'p99' })],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Function errors',
        left: fns.map(([name, fn]) => fn.metricErrors({ period, statistic: cloudwatch.Stats.SUM, label: name })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function throttles',
        left: fns.map(([name, fn]) => fn.metricThrottles({ period, statistic: cloudwatch.Stats.SUM, label: name })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function duration p99',
        left: fns.map(([name, fn]) => fn.metricDuration({ period, statistic: 'p99', label: name })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Records handled by the sweep, per class',
        left: RECORD_METRICS.map(recordsByClass),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Subject requests and holds',
        left: REQUEST_METRICS.map((m) => business(m)),
        right: [business('SubjectRequestsOverdue', cloudwatch.Stats.MAXIMUM)],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Completed sweeps and failed invocations',
        left: [business('SweepsCompleted')],
        right: props.failedInvocations
          ? [
              props.failedInvocations.metricApproximateNumberOfMessagesVisible({
                period,
                statistic: cloudwatch.Stats.MAXIMUM,
              }),
            ]
          : [],
        width: 8,
      }),
    );
  }
}
