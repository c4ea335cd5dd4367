import { LocalCloud } from '../../../infra/local/provisioning/local-cloud';
import {
  resolveIntrinsics,
  UnresolvableError,
  type IntrinsicContext,
} from '../../../infra/local/provisioning/intrinsics';
import type { CfnTemplate } from '../../../infra/local/provisioning/template';

describe('CloudFormation intrinsics resolve against local values', () => {
  const ctx: IntrinsicContext = {
    account: '000000000000',
    region: 'eu-central-1',
    partition: 'aws',
    stackName: 'Lethe-Data-eu-central-1',
    urlSuffix: 'amazonaws.com',
    mappings: { Regions: { 'eu-central-1': { short: 'fra' } } },
    ref: (id) => (id === 'Records' ? 'lethe-eu-central-1-records' : `ref:${id}`),
    getAtt: (id, attribute) => `${id}.${attribute}`,
    importValue: (name) => `imported:${name}`,
  };

  it.each([
    ['Ref AWS::AccountId is the local account', { Ref: 'AWS::AccountId' }, '000000000000'],
    ["Ref AWS::Region is the stack's region", { Ref: 'AWS::Region' }, 'eu-central-1'],
    ['Ref to a resource is its physical id', { Ref: 'Records' }, 'lethe-eu-central-1-records'],
    ['Fn::GetAtt as a list', { 'Fn::GetAtt': ['Key', 'Arn'] }, 'Key.Arn'],
    ['Fn::GetAtt as a dotted string', { 'Fn::GetAtt': 'Key.Arn' }, 'Key.Arn'],
    [
      'Fn::Join joins resolved parts',
      { 'Fn::Join': ['-', ['lethe', { Ref: 'AWS::AccountId' }, 'content']] },
      'lethe-000000000000-content',
    ],
    [
      'Fn::Sub with pseudo parameters',
      { 'Fn::Sub': 'cdk-assets-${AWS::AccountId}-${AWS::Region}' },
      'cdk-assets-000000000000-eu-central-1',
    ],
    [
      'Fn::Sub with resource attributes and refs',
      { 'Fn::Sub': '${Key.Arn}|${Records}' },
      'Key.Arn|lethe-eu-central-1-records',
    ],
    ['Fn::Sub keeps ${!Literal} literal', { 'Fn::Sub': '${!Literal}' }, '${Literal}'],
    [
      'Fn::Sub with its own variables',
      { 'Fn::Sub': ['${Name}-x', { Name: { Ref: 'AWS::Region' } }] },
      'eu-central-1-x',
    ],
    ['Fn::Select of Fn::Split', { 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] }, 'b'],
    ['Fn::FindInMap', { 'Fn::FindInMap': ['Regions', { Ref: 'AWS::Region' }, 'short'] }, 'fra'],
    ['Fn::ImportValue', { 'Fn::ImportValue': 'Shared:Table' }, 'imported:Shared:Table'],
  ])('%s', (_, input, expected) => {
    // Act
    const resolved = resolveIntrinsics(input, ctx);

    // Assess
    expect(resolved).toBe(expected);
  });

  it('drops properties and list items that are Ref AWS::NoValue, deep inside objects', () => {
    // Act
    const resolved = resolveIntrinsics(
      { a: { Ref: 'AWS::NoValue' }, b: [1, { Ref: 'AWS::NoValue' }, { c: { Ref: 'AWS::Region' } }] },
      ctx,
    );

    // Assess
    expect(resolved).toEqual({ b: [1, { c: 'eu-central-1' }] });
  });

  it('refuses an intrinsic it does not know, naming it', () => {
    // Act
    const act = () => resolveIntrinsics({ 'Fn::Transform': {} }, ctx);

    // Assess
    expect(act).toThrow(new UnresolvableError('Fn::Transform is not supported by the local runtime'));
  });
});

describe('LocalCloud gives resources the physical ids and attributes CloudFormation would', () => {
  const template: CfnTemplate = {
    Resources: {
      Records: {
        Type: 'AWS::DynamoDB::Table',
        Properties: { TableName: { 'Fn::Join': ['', ['lethe-', { Ref: 'AWS::Region' }, '-records']] } },
      },
      Logs: { Type: 'AWS::S3::Bucket', Properties: {} },
      Legal: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'lethe-legal-access-eu-central-1' } },
      Key: { Type: 'AWS::KMS::Key', Properties: {} },
      Pool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
      Fn: { Type: 'AWS::Lambda::Function', Properties: { FunctionName: 'lethe-meta-api' } },
    },
    Outputs: { TableName: { Value: { Ref: 'Records' }, Export: { Name: 'Data:Records' } } },
  };
  const cloud = new LocalCloud(
    [{ stackName: 'Lethe-Data-eu-central-1', region: 'eu-central-1', template }],
    '000000000000',
  );
  const stack = cloud.stack('Lethe-Data-eu-central-1');

  it('a table is named by its resolved TableName, and its ARN is regional', () => {
    // Assess
    expect(stack.ref('Records')).toBe('lethe-eu-central-1-records');
    expect(stack.getAtt('Records', 'Arn')).toBe(
      'arn:aws:dynamodb:eu-central-1:000000000000:table/lethe-eu-central-1-records',
    );
  });

  it('an unnamed bucket is named <stack>-<logicalId> in lower case', () => {
    // Assess
    expect(stack.ref('Logs')).toBe('lethe-data-eu-central-1-logs');
    expect(stack.getAtt('Logs', 'Arn')).toBe('arn:aws:s3:::lethe-data-eu-central-1-logs');
  });

  it('a role ARN carries the role name; a function ARN its name and region', () => {
    // Assess
    expect(stack.getAtt('Legal', 'Arn')).toBe('arn:aws:iam::000000000000:role/lethe-legal-access-eu-central-1');
    expect(stack.getAtt('Fn', 'Arn')).toBe('arn:aws:lambda:eu-central-1:000000000000:function:lethe-meta-api');
  });

  it('a KMS key resolves only once the local KMS has it', () => {
    // Prepare
    const fresh = new LocalCloud([{ stackName: 'S', region: 'eu-central-1', template }], '000000000000').stack('S');
    const unprovisioned = () => fresh.ref('Key');

    // Act
    expect(unprovisioned).toThrow(/not provisioned yet/);
    fresh.setKeyId('Key', '1234abcd-12ab-34cd-56ef-1234567890ab');

    // Assess
    expect(fresh.getAtt('Key', 'Arn')).toBe(
      'arn:aws:kms:eu-central-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    );
  });

  it('a reference to something with no local counterpart is unresolvable, naming it', () => {
    // Act
    const act = () => stack.resolveString({ Ref: 'Pool' }, 'LETHE_USER_POOL_ID');

    // Assess
    expect(act).toThrow(/Pool \(AWS::Cognito::UserPool\) has no local counterpart/);
  });

  it("Fn::ImportValue finds another stack's export", () => {
    // Assess
    expect(stack.resolve({ 'Fn::ImportValue': 'Data:Records' })).toBe('lethe-eu-central-1-records');
  });
});
