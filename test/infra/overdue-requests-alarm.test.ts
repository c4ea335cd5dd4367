import { Template } from 'aws-cdk-lib/assertions';
import { OverdueRequestsAlarm } from '../../infra/constructs/overdue-requests-alarm';
import { testStack } from './support';

describe('OverdueRequestsAlarm', () => {
  it('fires as soon as the wake-up reports one subject request of this deployment past its deadline', () => {
    // Prepare
    const stack = testStack();
    // Act
    new OverdueRequestsAlarm(stack, 'Overdue', { alarmName: 'acme-subject-requests-overdue', service: 'acme' });
    // Assess
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'acme-subject-requests-overdue',
      Namespace: 'Lethe',
      MetricName: 'SubjectRequestsOverdue',
      Dimensions: [{ Name: 'service', Value: 'acme' }],
      Statistic: 'Maximum',
      Period: 3600,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
  });
});
