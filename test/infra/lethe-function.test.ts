import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { PROJECT_ROOT } from '../../infra/app';
import { LetheFunction } from '../../infra/constructs/lethe-function';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG, testStack } from './support';

const ENTRY = 'test/infra/fixtures/echo-handler.ts';

function echoFunction(config = TEST_CONFIG) {
  const stack = testStack();
  const fn = new LetheFunction(stack, 'Echo', {
    name: 'echo',
    entry: ENTRY,
    projectRoot: PROJECT_ROOT,
    config,
    userPool: { id: 'pool-id', clientId: 'client-id' },
  });
  return { stack, fn };
}

describe('LetheFunction', () => {
  const { stack, fn } = echoFunction();
  const WILDCARD_REASON = 'Objects of one named bucket are keyed per tenant at run time.';
  fn.allow({
    statements: [
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem'],
        resources: ['arn:aws:dynamodb:eu-central-1:111122223333:table/t'],
      }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }),
    ],
    wildcardReason: WILDCARD_REASON,
  });
  const template = Template.fromStack(stack);

  it('runs Node.js 22 on arm64 with X-Ray tracing', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'acme-echo',
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('logs as JSON to its own log group, kept for the configured days', () => {
    const logGroupId = onlyResourceId(template, 'AWS::Logs::LogGroup', {
      LogGroupName: '/aws/lambda/acme-echo',
      RetentionInDays: 30,
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logGroupId } },
    });
  });

  it('names its source module in CloudFormation metadata for the local runtime', () => {
    template.hasResource('AWS::Lambda::Function', { Metadata: { 'lethe:entry': ENTRY, 'lethe:handler': 'handler' } });
  });

  it('gets every LETHE_* variable runtime-config parses, from the deployment config', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          LETHE_APP: 'acme',
          LETHE_ACCOUNT: TEST_ACCOUNT,
          LETHE_HOME_REGION: 'eu-central-1',
          LETHE_REGIONS: 'eu-central-1,us-east-1',
          LETHE_LITIGATION_RETENTION_DAYS: '3650',
          LETHE_PITR_DAYS: '21',
          LETHE_USER_POOL_ID: 'pool-id',
          LETHE_USER_POOL_CLIENT_ID: 'client-id',
        }),
      },
    });
  });

  it('may write its own logs and traces and use what it was allowed, nothing else', () => {
    const roleId = onlyResourceId(template, 'AWS::IAM::Role');
    template.hasResourceProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
          },
          { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
          {
            Effect: 'Allow',
            Action: 'dynamodb:GetItem',
            Resource: 'arn:aws:dynamodb:eu-central-1:111122223333:table/t',
          },
          { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        ],
      },
    });
  });

  it("acknowledges each wildcard resource it was allowed with the grant's reason, and nothing else", () => {
    const acknowledged = fn.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .map((m) => m.data);
    expect(acknowledged).toContainEqual({
      'Annotation::AwsSolutions-IAM5[Resource::arn:aws:s3:::b/*]': WILDCARD_REASON,
    });
    expect(JSON.stringify(acknowledged)).not.toContain('table/t');
  });

  it('refuses a log retention CloudWatch does not offer', () => {
    expect(() => echoFunction({ ...TEST_CONFIG, logRetentionDays: 45 })).toThrow(
      /logRetentionDays 45 is not a CloudWatch retention/,
    );
  });
});
