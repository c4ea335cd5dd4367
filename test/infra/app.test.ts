import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { buildApp, CONTROL_STACK_NAME, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { deploymentConfig } from '../../infra/config/lethe.config';

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, string> }; // eslint-disable-line @typescript-eslint/no-explicit-any
const resourcesOf = (stack: CloudFormationStackArtifact): [string, Resource][] => Object.entries(stack.template.Resources as Record<string, Resource>);

describe('the Lethe CDK app', () => {
  // As in an offline `cdk synth`: no credentials, so the account is only known at deploy time.
  delete process.env.CDK_DEFAULT_ACCOUNT;
  const assembly = buildApp({ context: NO_BUNDLING_CONTEXT }).synth();
  const control = assembly.getStackByName(CONTROL_STACK_NAME);

  it('has one data stack per configured region and the control stack in the home region', () => {
    const stacks = assembly.stacks.map((s) => [s.stackName, s.environment.region]);
    expect(stacks).toEqual([...deploymentConfig.regions.map((r) => [`Lethe-Data-${r}`, r]), [CONTROL_STACK_NAME, deploymentConfig.homeRegion]]);
    expect(control.dependencies.map((d) => d.id).filter((id) => id.startsWith('Lethe-Data-')).sort()).toEqual(deploymentConfig.regions.map((r) => `Lethe-Data-${r}`).sort());
  });

  it('names buckets with the deploying account when the account is unknown at synth', () => {
    const data = assembly.getStackByName(`Lethe-Data-${deploymentConfig.homeRegion}`);
    const content = resourcesOf(data).find(([, r]) => r.Type === 'AWS::S3::Bucket' && JSON.stringify(r.Properties.BucketName ?? '').endsWith(`-${deploymentConfig.homeRegion}-content"]]}`));
    expect(content?.[1].Properties.BucketName).toEqual({ 'Fn::Join': ['', ['lethe-', { Ref: 'AWS::AccountId' }, `-${deploymentConfig.homeRegion}-content`]] });
  });

  it('runs every function on Node.js 22, arm64, with a log group kept for the configured days and its source module named', () => {
    const resources = new Map(resourcesOf(control));
    const functions = [...resources.values()].filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThan(0);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      expect(resources.get(fn.Properties.LoggingConfig.LogGroup.Ref)?.Properties.RetentionInDays).toBe(deploymentConfig.logRetentionDays);
      expect(existsSync(join(PROJECT_ROOT, fn.Metadata!['lethe:entry']))).toBe(true);
      expect(fn.Metadata!['lethe:handler']).toBe('handler');
    }
  });

  it('maps GET /v1/health through API Gateway to the meta-api module, as the local runtime reads it', () => {
    // Prepare
    const resources = new Map(resourcesOf(control));
    const pathOf = (id: string): string => {
      const r = resources.get(id)!;
      return r.Properties.ParentId?.Ref ? `${pathOf(r.Properties.ParentId.Ref)}/${r.Properties.PathPart}` : `/${r.Properties.PathPart}`;
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

  it('wires no authorizer while the registry has no authorizer entry', () => {
    // Prepare
    const withoutAuthorizer = HANDLERS.filter((h) => !h.authorizer && h.routes?.every((r) => r.auth !== 'tenant'));
    // Act
    const template = buildApp({ context: NO_BUNDLING_CONTEXT, handlers: withoutAuthorizer }).synth().getStackByName(CONTROL_STACK_NAME).template;
    // Assess
    expect(Object.values(template.Resources as Record<string, Resource>).filter((r) => r.Type === 'AWS::ApiGateway::Authorizer')).toEqual([]);
  });
});
