import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { buildApp, CONTROL_STACK_NAME, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { deploymentConfig } from '../../infra/config/lethe.config';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const resourcesOf = (stack: CloudFormationStackArtifact): [string, Resource][] =>
  Object.entries(stack.template.Resources as Record<string, Resource>);

/** Properties holding a physical name that must be unique in the account (and region). */
const ACCOUNT_WIDE_NAMES = [
  'AWS::DynamoDB::Table TableName',
  'AWS::S3::Bucket BucketName',
  'AWS::Lambda::Function FunctionName',
  'AWS::Logs::LogGroup LogGroupName',
  'AWS::KMS::Alias AliasName',
  'AWS::IAM::Role RoleName',
  'AWS::Cognito::UserPool UserPoolName',
  'AWS::Cognito::UserPoolDomain Domain',
  'AWS::ApiGateway::RestApi Name',
  'AWS::Events::Rule Name',
  'AWS::SQS::Queue QueueName',
  'AWS::SNS::Topic TopicName',
  'AWS::CloudWatch::Alarm AlarmName',
  'AWS::CloudWatch::Dashboard DashboardName',
];
/** Names that only need to be unique inside their parent (pool, role, API, table), or name no resource. */
const NAMES_SCOPED_TO_A_PARENT = [
  'AWS::Cognito::UserPoolGroup GroupName',
  'AWS::Cognito::UserPoolClient ClientName',
  'AWS::IAM::Policy PolicyName',
  'AWS::ApiGateway::Stage StageName',
  'AWS::ApiGateway::Authorizer Name',
  'AWS::CloudWatch::Alarm MetricName',
  'AWS::CloudWatch::Alarm Namespace',
];

describe('the Lethe CDK app', () => {
  // As in an offline `cdk synth`: no credentials, so the account is only known at deploy time.
  delete process.env.CDK_DEFAULT_ACCOUNT;
  const assembly = buildApp({ context: NO_BUNDLING_CONTEXT }).synth();
  const control = assembly.getStackByName(CONTROL_STACK_NAME);

  it('has one data stack per configured region and the control stack in the home region', () => {
    const stacks = assembly.stacks.map((s) => [s.stackName, s.environment.region]);
    expect(stacks).toEqual([
      ...deploymentConfig.regions.map((r) => [`Lethe-Data-${r}`, r]),
      [CONTROL_STACK_NAME, deploymentConfig.homeRegion],
    ]);
    expect(
      control.dependencies
        .map((d) => d.id)
        .filter((id) => id.startsWith('Lethe-Data-'))
        .sort(),
    ).toEqual(deploymentConfig.regions.map((r) => `Lethe-Data-${r}`).sort());
  });

  it('names buckets with the deploying account when the account is unknown at synth', () => {
    const data = assembly.getStackByName(`Lethe-Data-${deploymentConfig.homeRegion}`);
    const content = resourcesOf(data).find(
      ([, r]) =>
        r.Type === 'AWS::S3::Bucket' &&
        JSON.stringify(r.Properties.BucketName ?? '').endsWith(`-${deploymentConfig.homeRegion}-content"]]}`),
    );
    expect(content?.[1].Properties.BucketName).toEqual({
      'Fn::Join': ['', ['lethe-', { Ref: 'AWS::AccountId' }, `-${deploymentConfig.homeRegion}-content`]],
    });
  });

  it('runs every function on Node.js 22, arm64, with a log group kept for the configured days and its source module named', () => {
    const resources = new Map(resourcesOf(control));
    const functions = [...resources.values()].filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      expect(resources.get(fn.Properties.LoggingConfig.LogGroup.Ref)?.Properties.RetentionInDays).toBe(
        deploymentConfig.logRetentionDays,
      );
      expect(existsSync(join(PROJECT_ROOT, fn.Metadata!['lethe:entry']))).toBe(true);
      expect(fn.Metadata!['lethe:handler']).toBe('handler');
    }
  });

  it('maps GET /v1/health through API Gateway to the meta-api module, as the local runtime reads it', () => {
    // Prepare
    const resources = new Map(resourcesOf(control));
    const pathOf = (id: string): string => {
      const r = resources.get(id)!;
      return r.Properties.ParentId?.Ref
        ? `${pathOf(r.Properties.ParentId.Ref)}/${r.Properties.PathPart}`
        : `/${r.Properties.PathPart}`;
    };
    // Act
    const routes = [...resources.values()]
      .filter((r) => r.Type === 'AWS::ApiGateway::Method')
      .map((m) => {
        const functionId = JSON.stringify(m.Properties.Integration.Uri).match(/"Fn::GetAtt":\["([^"]+)","Arn"\]/)![1];
        return `${m.Properties.HttpMethod} ${pathOf(m.Properties.ResourceId.Ref)} ${m.Properties.AuthorizationType} -> ${resources.get(functionId)!.Metadata!['lethe:entry']}`;
      });
    // Assess
    expect(routes).toContain('GET /v1/health NONE -> functions/handlers/meta-api.ts');
  });

  it('gives a deployment named by -c appName stack and account-wide resource names disjoint from the default deployment', () => {
    // Prepare
    const namesOf = (synthesized: typeof assembly) => {
      const names = synthesized.stacks.map((s) => `stack ${s.stackName}`);
      for (const stack of synthesized.stacks)
        for (const [id, r] of resourcesOf(stack)) {
          const named = Object.entries(r.Properties ?? {}).filter(
            ([key, value]) => /Name$|^Domain$/.test(key) && (typeof value !== 'object' || value?.['Fn::Join']),
          );
          for (const [key, value] of named) {
            if (NAMES_SCOPED_TO_A_PARENT.includes(`${r.Type} ${key}`)) continue;
            expect({ id, type: r.Type, key, accountWide: ACCOUNT_WIDE_NAMES.includes(`${r.Type} ${key}`) }).toEqual({
              id,
              type: r.Type,
              key,
              accountWide: true,
            });
            names.push(`${r.Type} ${JSON.stringify(value)}`);
          }
        }
      return names;
    };
    // Act
    const defaults = namesOf(assembly);
    const acme = namesOf(buildApp({ context: { ...NO_BUNDLING_CONTEXT, appName: 'acme' } }).synth());
    // Assess
    expect(acme).toContain('stack Acme-Control');
    expect(acme).toContain(`stack Acme-Data-${deploymentConfig.homeRegion}`);
    expect(acme.length).toBe(defaults.length);
    expect(acme.filter((name) => defaults.includes(name))).toEqual([]);
  });

  it('refuses an app name from the context that could not prefix every name', () => {
    // Act
    const act = () => buildApp({ context: { ...NO_BUNDLING_CONTEXT, appName: 'Acme_Prod' } });
    // Assess
    expect(act).toThrow(/appName/);
  });

  it('signs the console in on a Cognito domain with the authorization-code flow, returning to the console this API serves', () => {
    // Prepare
    const resources = resourcesOf(control);
    const restApiId = resources.find(([, r]) => r.Type === 'AWS::ApiGateway::RestApi')![0];
    // Act
    const domains = resources.filter(([, r]) => r.Type === 'AWS::Cognito::UserPoolDomain').map(([, r]) => r.Properties);
    const client = resources.find(([, r]) => r.Type === 'AWS::Cognito::UserPoolClient')![1].Properties;
    // Assess
    expect(domains).toEqual([
      expect.objectContaining({ Domain: { 'Fn::Join': ['', ['lethe-', { Ref: 'AWS::AccountId' }]] } }),
    ]);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    const consoleUrl = {
      'Fn::Join': [
        '',
        [
          'https://',
          { Ref: restApiId },
          `.execute-api.${deploymentConfig.homeRegion}.`,
          { Ref: 'AWS::URLSuffix' },
          '/prod/console/',
        ],
      ],
    };
    expect(client.CallbackURLs).toEqual([consoleUrl]);
    expect(client.LogoutURLs).toEqual([consoleUrl]);
    expect(control.template.Outputs.ConsoleUrl.Value).toEqual(consoleUrl);
  });

  it('wires no authorizer while the registry has no authorizer entry', () => {
    // Prepare
    const withoutAuthorizer = HANDLERS.filter((h) => !h.authorizer && h.routes?.every((r) => r.auth !== 'tenant'));
    // Act
    const template = buildApp({ context: NO_BUNDLING_CONTEXT, handlers: withoutAuthorizer })
      .synth()
      .getStackByName(CONTROL_STACK_NAME).template;
    // Assess
    expect(
      Object.values(template.Resources as Record<string, Resource>).filter(
        (r) => r.Type === 'AWS::ApiGateway::Authorizer',
      ),
    ).toEqual([]);
  });
});
