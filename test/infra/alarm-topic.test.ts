import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { AlarmTopic } from '../../infra/constructs/alarm-topic';
import { onlyResourceId, testStack } from './support';

function topicWith(email?: string) {
  const stack = testStack();
  const topic = new AlarmTopic(stack, 'Alarms', { topicName: 'acme-alarms', email });
  const alarm = new cloudwatch.Alarm(stack, 'Something', {
    metric: new cloudwatch.Metric({ namespace: 'Test', metricName: 'Broken', period: Duration.minutes(5) }),
    threshold: 1,
    evaluationPeriods: 1,
  });
  topic.notify(alarm);
  return Template.fromStack(stack);
}

describe('AlarmTopic', () => {
  it('is encrypted with its own rotating CMK that CloudWatch may use to publish', () => {
    // Act
    const template = topicWith();
    // Assess
    const key = onlyResourceId(template, 'AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'acme-alarms',
      KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          }),
        ]),
      },
    });
  });

  it('refuses every publish not made over TLS', () => {
    // Act
    const template = topicWith();
    // Assess
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('e-mails the configured address, and no one when none is configured', () => {
    // Act
    const withEmail = topicWith('ops@example.com');
    const without = topicWith();
    // Assess
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    without.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('becomes the action of the alarms it is told to notify', () => {
    // Act
    const template = topicWith();
    // Assess
    const topic = onlyResourceId(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topic }] });
  });
});
