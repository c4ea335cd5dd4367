import { Template } from 'aws-cdk-lib/assertions';
import { SweepCompletionAlarm } from '../../infra/constructs/sweep-completion-alarm';
import { testStack } from './support';

describe('SweepCompletionAlarm', () => {
  it('fires when no completed sweep of this deployment was counted for 30 hours, missing data included', () => {
    // Prepare
    const stack = testStack();
    // Act
    new SweepCompletionAlarm(stack, 'Sweep', { alarmName: 'acme-sweep-not-finished', service: 'acme' });
    // Assess
    const props = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm'))[0].Properties;
    expect(props).toMatchObject({
      AlarmName: 'acme-sweep-not-finished',
      Namespace: 'Lethe',
      MetricName: 'SweepsCompleted',
      Dimensions: [{ Name: 'service', Value: 'acme' }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
    });
    expect(props.Period * props.EvaluationPeriods).toBe(30 * 3600);
    expect(props.DatapointsToAlarm).toBe(props.EvaluationPeriods);
  });
});
