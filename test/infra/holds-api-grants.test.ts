import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { cdkJsonContext, NO_BUNDLING_CONTEXT, PROJECT_ROOT } from '../../infra/app';
import { HANDLERS } from '../../infra/config/handlers';
import { ControlStack } from '../../infra/stacks/control-stack';
import { onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

const OBJECT_CHANGES = [
  's3:PutObject',
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:RestoreObject',
  's3:GetObject',
  's3:GetObjectVersion',
];

describe('the holds API re-tags held content and archived copies, and can do nothing else to them', () => {
  // Prepare: the control stack of the real handler registry, as deployed to two regions
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new ControlStack(app, 'Lethe-Control', {
    env: { account: TEST_ACCOUNT, region: 'eu-central-1' },
    config: TEST_CONFIG,
    handlers: HANDLERS,
    projectRoot: PROJECT_ROOT,
  });
  const template = Template.fromStack(stack);
  const roleId = onlyResourceId(template, 'AWS::IAM::Role', {
    Description: Match.stringLikeRegexp('^Runs acme-holds-api;'),
  });
  const statements: Statement[] = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  ).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  const actionsOn = (resource: string) =>
    statements.filter((s) => JSON.stringify(s.Resource).includes(resource)).flatMap((s) => [s.Action].flat());

  it.each(['content', 'archive'])(
    'on the %s bucket of each region: PutObjectTagging on its objects, no object read, write or delete',
    (bucket) => {
      for (const region of TEST_CONFIG.regions) {
        // Act
        const objects = actionsOn(`acme-${TEST_ACCOUNT}-${region}-${bucket}/*`);
        // Assess
        expect(objects).toContain('s3:PutObjectTagging');
        expect(objects.filter((a) => OBJECT_CHANGES.includes(a))).toEqual([]);
      }
    },
  );

  it('holds no key use through S3: tags are not encrypted with the object', () => {
    expect(statements.filter((s) => JSON.stringify(s.Condition ?? {}).includes('"kms:ViaService":"s3.'))).toEqual([]);
  });
});
