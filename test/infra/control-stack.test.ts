import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import type { HandlerSpec } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { bucketNamed, onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

const FIXTURE = 'test/infra/fixtures/echo-handler.ts';
const REGISTRY: HandlerSpec[] = [
  { name: 'authorizer', entry: FIXTURE, authorizer: true, access: ['directory:r'] },
  {
    name: 'operator-api',
    entry: FIXTURE,
    routes: [{ method: 'POST', path: '/v1/tenants', auth: 'iam' }],
    access: ['directory:rw', 'kms:data'],
  },
  {
    name: 'records-api',
    entry: FIXTURE,
    routes: [{ method: 'GET', path: '/v1/interactions/{interactionId}', auth: 'tenant' }],
    access: ['records:r'],
  },
  {
    name: 'sweeper',
    entry: FIXTURE,
    schedule: 'sweep',
    access: ['records:rw', 'litigation:write'],
    timeoutSeconds: 300,
    memoryMb: 1024,
  },
];

describe('ControlStack', () => {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: REGISTRY,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const functionId = (name: string) =>
    onlyResourceId(template, 'AWS::Lambda::Function', { FunctionName: `acme-${name}` });
  /** Statements of the policy attached to the role of function `name`, as JSON strings. */
  const statementsOf = (name: string): string[] => {
    const roleId = onlyResourceId(template, 'AWS::IAM::Role', {
      Description: Match.stringLikeRegexp(`^Runs acme-${name};`),
    });
    const policy = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
    )[0];
    return policy.Properties.PolicyDocument.Statement.map((st: object) => JSON.stringify(st));
  };

  it('builds one function per registry entry, each naming its source module', () => {
    for (const spec of REGISTRY) {
      template.hasResource('AWS::Lambda::Function', {
        Properties: Match.objectLike({ FunctionName: `acme-${spec.name}` }),
        Metadata: { 'lethe:entry': FIXTURE },
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'acme-sweeper',
      Timeout: 300,
      MemorySize: 1024,
    });
  });

  it("wires the authorizer entry as the API's REQUEST authorizer", () => {
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      AuthorizerUri: Match.objectLike({
        'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [functionId('authorizer'), 'Arn'] }])],
      }),
    });
    template.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [functionId('authorizer'), 'Arn'] },
      Principal: 'apigateway.amazonaws.com',
    });
  });

  it('routes each declared path to its function with the declared auth', () => {
    const tenants = onlyResourceId(template, 'AWS::ApiGateway::Resource', { PathPart: 'tenants' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ResourceId: { Ref: tenants },
      AuthorizationType: 'AWS_IAM',
      Integration: {
        Uri: Match.objectLike({
          'Fn::Join': ['', Match.arrayWith([{ 'Fn::GetAtt': [functionId('operator-api'), 'Arn'] }])],
        }),
      },
    });
    const interaction = onlyResourceId(template, 'AWS::ApiGateway::Resource', { PathPart: '{interactionId}' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      ResourceId: { Ref: interaction },
      AuthorizationType: 'CUSTOM',
    });
  });

  it('runs the sweep entry on the configured cron', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Name: 'acme-sweep',
      ScheduleExpression: 'cron(40 3 * * ? *)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionId('sweeper'), 'Arn'] } })],
    });
  });

  it('grants each function exactly its declared access', () => {
    const sweeper = statementsOf('sweeper');
    const litigation = sweeper.filter((st) => st.includes('litigation'));
    expect(litigation.join()).toContain('acme-111122223333-us-east-1-litigation/*');
    expect(litigation.join()).not.toMatch(/kms:Decrypt|s3:GetObject/);
    expect(statementsOf('records-api').join()).toContain('table/acme-us-east-1-records/index/bySubject');
    expect(statementsOf('records-api').join()).not.toMatch(/dynamodb:(Put|Update|Delete|BatchWrite)/);
    expect(statementsOf('authorizer').join()).toContain('table/acme-directory');
    expect(statementsOf('authorizer').join()).not.toContain('records');
  });

  it('keeps the directory in the home region, encrypted with the home data key by alias', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'acme-directory',
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: `arn:aws:kms:eu-central-1:${TEST_ACCOUNT}:alias/acme-eu-central-1-data`,
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 21 },
    });
  });

  it('keeps export packages seven days in the home exports bucket', () => {
    expect(
      bucketNamed(template, `acme-${TEST_ACCOUNT}-eu-central-1-exports`).LifecycleConfiguration.Rules,
    ).toContainEqual(expect.objectContaining({ Id: 'expire-exports', ExpirationInDays: 7 }));
  });
});
