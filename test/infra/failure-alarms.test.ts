import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, cdkJsonContext, CONTROL_STACK_NAME, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

describe('failure alarms of the control stack', () => {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties);
  const alarmNames = alarms.map((a) => a.AlarmName as string);

  it('notify the one alarm topic, every one of them', () => {
    // Prepare
    const topic = onlyResourceId(template, 'AWS::SNS::Topic', { TopicName: 'acme-alarms' });
    // Assess
    expect(alarms.length).toBeGreaterThan(HANDLERS.length * 2);
    for (const alarm of alarms)
      expect({ alarm: alarm.AlarmName, actions: alarm.AlarmActions }).toEqual({
        alarm: alarm.AlarmName,
        actions: [{ Ref: topic }],
      });
  });

  it('cover the errors and throttles of every function', () => {
    // Assess
    for (const h of HANDLERS)
      expect(alarmNames).toEqual(expect.arrayContaining([`acme-${h.name}-errors`, `acme-${h.name}-throttles`]));
  });

  it('cover the failed-invocations queue, a sweep that did not finish, overdue subject requests and the API 5xx rate', () => {
    // Assess
    expect(alarmNames).toEqual(
      expect.arrayContaining([
        'acme-failed-invocations',
        'acme-sweep-not-finished',
        'acme-subject-requests-overdue',
        'acme-api-5xx-rate',
      ]),
    );
  });

  it('are shown on the operations dashboard', () => {
    // Act
    const body = JSON.stringify(
      Object.values(
        template.findResources('AWS::CloudWatch::Dashboard', { Properties: { DashboardName: 'acme-operations' } }),
      )[0].Properties.DashboardBody,
    );
    // Assess
    for (const alarmId of Object.keys(template.findResources('AWS::CloudWatch::Alarm')))
      expect(body).toContain(JSON.stringify({ 'Fn::GetAtt': [alarmId, 'Arn'] }));
  });

  it('e-mail the address given as -c alarmEmail', () => {
    // Act
    const synthesized = buildApp({ context: { ...NO_BUNDLING_CONTEXT, alarmEmail: 'ops@example.com' } })
      .synth()
      .getStackByName(CONTROL_STACK_NAME).template;
    // Assess
    const subscriptions = Object.values(
      synthesized.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).filter((r) => r.Type === 'AWS::SNS::Subscription');
    expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual([
      ['email', 'ops@example.com'],
    ]);
  });
});
