import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { parseSubjectRequestEvent } from '../../functions/domain/subject-requests/request';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { JobWakeSchedule } from '../../infra/constructs/job-wake-schedule';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG, testStack } from './support';

describe('JobWakeSchedule', () => {
  it('invokes its function every 15 minutes with the event { kind: "wake-queued" }, an event older than a run dropped', () => {
    // Prepare
    const stack = testStack();
    const fn = new lambda.Function(stack, 'Worker', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => {}'),
    });
    // Act
    new JobWakeSchedule(stack, 'Wake', { ruleName: 'acme-wake-queued', target: fn });
    // Assess
    const template = Template.fromStack(stack);
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0].Properties;
    expect(rule).toMatchObject({ Name: 'acme-wake-queued', ScheduleExpression: 'rate(15 minutes)', State: 'ENABLED' });
    expect(rule.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [onlyResourceId(template, 'AWS::Lambda::Function'), 'Arn'] },
        RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 900 },
      }),
    ]);
    expect(parseSubjectRequestEvent(JSON.parse(rule.Targets[0].Input))).toEqual({ kind: 'wake' }); // the worker accepts what the rule sends
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'events.amazonaws.com',
    });
  });

  it('the control stack wakes the subject-request worker, and only the worker, on this schedule', () => {
    // Prepare
    const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
    // Act
    const stack = new ControlStack(app, 'Lethe-Control', {
      env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
      config: TEST_CONFIG,
      handlers: HANDLERS,
      projectRoot: PROJECT_ROOT,
    });
    // Assess
    const template = Template.fromStack(stack);
    const worker = onlyResourceId(template, 'AWS::Lambda::Function', { FunctionName: 'acme-subject-request-worker' });
    const rules = Object.values(
      template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(15 minutes)' } }),
    );
    expect(rules.map((r) => [r.Properties.Name, r.Properties.Targets.map((t: { Arn: unknown }) => t.Arn)])).toEqual([
      ['acme-wake-queued', [{ 'Fn::GetAtt': [worker, 'Arn'] }]],
    ]);
  });
});
