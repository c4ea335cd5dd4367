import { App, Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { QUEUED_STALE_AFTER_SECONDS } from '../../functions/domain/subject-requests/wake';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS, INVOKE_TARGETS, validateHandlers, type HandlerSpec } from '../../infra/config/handlers';
import { FailedInvocationsQueue } from '../../infra/constructs/failed-invocations-queue';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG, testStack } from './support';

type Json = Record<string, unknown>;

function queueWithOneTarget() {
  const stack = testStack();
  const fn = new lambda.Function(stack, 'Worker', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => {}'),
  });
  new FailedInvocationsQueue(stack, 'Failed', {
    queueName: 'acme-failed-invocations',
    alarmName: 'acme-failed-invocations',
    targets: [{ name: 'worker', function: fn, retryAttempts: 1, maxEventAge: Duration.minutes(30) }],
  });
  const template = Template.fromStack(stack);
  return {
    template,
    fn: onlyResourceId(template, 'AWS::Lambda::Function'),
    queue: onlyResourceId(template, 'AWS::SQS::Queue'),
    key: onlyResourceId(template, 'AWS::KMS::Key'),
  };
}

describe('FailedInvocationsQueue', () => {
  it('keeps failed events for 14 days in a queue encrypted with its own rotating CMK', () => {
    // Act
    const { template, key } = queueWithOneTarget();
    // Assess
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'acme-failed-invocations',
      KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
      MessageRetentionPeriod: 14 * 86_400,
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('refuses every request to the queue not made over TLS', () => {
    // Act
    const { template, queue } = queueWithOneTarget();
    // Assess
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('gives each target bounded retries, a maximum event age and the queue as where a failed event goes', () => {
    // Act
    const { template, fn, queue } = queueWithOneTarget();
    // Assess
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fn },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 1800,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
  });

  it("lets the target's role send to the queue and use its key for that, with no wildcard action", () => {
    // Act
    const { template, queue, key } = queueWithOneTarget();
    // Assess
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => p.Properties.PolicyDocument.Statement as Json[],
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [queue, 'Arn'] } },
        { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: { 'Fn::GetAtt': [key, 'Arn'] } },
      ]),
    );
    expect(JSON.stringify(statements.map((s) => s.Action))).not.toContain('*');
  });

  it('raises its alarm as soon as one failed event is visible in the queue', () => {
    // Act
    const { template, queue } = queueWithOneTarget();
    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'acme-failed-invocations',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Statistic: 'Maximum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });
});

describe('asynchronous invocations in the control stack', () => {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const functionId = (name: string) =>
    onlyResourceId(template, 'AWS::Lambda::Function', { FunctionName: `acme-${name}` });

  it('every function invoked asynchronously (the worker, the offboarding builds, the nightly sweep) ends its failed events in the one queue', () => {
    // Prepare
    const queue = onlyResourceId(template, 'AWS::SQS::Queue', { QueueName: 'acme-failed-invocations' });
    // Act
    const configs = Object.values(template.findResources('AWS::Lambda::EventInvokeConfig')).map((r) => r.Properties);
    // Assess
    const invoked = [...Object.values(INVOKE_TARGETS).map((t) => t.handler), 'retention-sweep'];
    expect(configs.map((c) => c.FunctionName.Ref).sort()).toEqual(invoked.map(functionId).sort());
    for (const c of configs)
      expect(c).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
      });
  });

  it('drops a worker event once the wake-up would start its request anyway', () => {
    // Act
    const worker = Object.values(
      template.findResources('AWS::Lambda::EventInvokeConfig', {
        Properties: { FunctionName: { Ref: functionId('subject-request-worker') } },
      }),
    );
    // Assess
    expect(worker.map((w) => w.Properties.MaximumEventAgeInSeconds)).toEqual([QUEUED_STALE_AFTER_SECONDS]);
  });

  it('refuses an event age Lambda would refuse', () => {
    // Prepare
    const registry: HandlerSpec[] = HANDLERS.map((h) =>
      h.name === 'offboarding-api' ? { ...h, asyncInvocation: { retryAttempts: 2, maxEventAgeSeconds: 30 } } : h,
    );
    // Act / Assess
    expect(() => validateHandlers(registry, PROJECT_ROOT)).toThrow(
      /offboarding-api: asyncInvocation.maxEventAgeSeconds must be between 60 and 21600/,
    );
  });
});
