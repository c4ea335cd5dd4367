import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SweepSchedule } from '../../infra/constructs/sweep-schedule';
import { onlyResourceId, testStack } from './support';

describe('SweepSchedule', () => {
  it('invokes its function on the configured UTC cron, retrying a failed run', () => {
    // Prepare
    const stack = testStack();
    const fn = new lambda.Function(stack, 'Sweeper', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    // Act
    new SweepSchedule(stack, 'Sweep', { ruleName: 'acme-sweep', cron: { minute: '40', hour: '3' }, target: fn });
    // Assess
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'acme-sweep',
      ScheduleExpression: 'cron(40 3 * * ? *)',
      State: 'ENABLED',
      Targets: [
        {
          Arn: { 'Fn::GetAtt': [onlyResourceId(template, 'AWS::Lambda::Function'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600 },
        },
      ],
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
    });
  });
});
