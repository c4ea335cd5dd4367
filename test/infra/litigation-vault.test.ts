import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { LitigationVault } from '../../infra/constructs/litigation-vault';
import { bucketNamed, onlyResourceId, TEST_ACCOUNT, testStack } from './support';

interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal: unknown;
  Action: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}
const actionsOf = (s: Statement) => ([] as string[]).concat(s.Action);

function vault(legalAccessPrincipals: string[] = []) {
  const stack = testStack('us-east-1');
  const logs = new s3.Bucket(stack, 'Logs');
  new LitigationVault(stack, 'Litigation', {
    bucketName: 'acme-litigation',
    keyAlias: 'alias/acme-us-east-1-litigation',
    legalRoleName: 'acme-legal-access-us-east-1',
    retentionDays: 3650,
    legalAccessPrincipals,
    serverAccessLogsBucket: logs,
  });
  const template = Template.fromStack(stack);
  const legalRoleArn = {
    'Fn::GetAtt': [onlyResourceId(template, 'AWS::IAM::Role', { RoleName: 'acme-legal-access-us-east-1' }), 'Arn'],
  };
  const keyPolicy = Object.values(template.findResources('AWS::KMS::Key'))[0].Properties.KeyPolicy
    .Statement as Statement[];
  return { template, legalRoleArn, keyPolicy };
}

describe('LitigationVault', () => {
  const { template, legalRoleArn, keyPolicy } = vault();

  it('locks every sealed batch in compliance mode for the configured retention', () => {
    const bucket = bucketNamed(template, 'acme-litigation');
    expect(bucket.ObjectLockEnabled).toBe(true);
    expect(bucket.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3650 } },
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('encrypts with its own key, aliased as resource-names says, with one KMS call per object', () => {
    const keyId = onlyResourceId(template, 'AWS::KMS::Key');
    template.hasResourceProperties('AWS::KMS::Alias', {
      AliasName: 'alias/acme-us-east-1-litigation',
      TargetKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(bucketNamed(template, 'acme-litigation').BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: false,
        ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [keyId, 'Arn'] } },
      },
    ]);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('lets only the legal-access role decrypt, and denies decryption to every other principal', () => {
    const decryptAllowedTo = keyPolicy.filter(
      (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => /^kms:(Decrypt|ReEncrypt|\*)/.test(a)),
    );
    expect(decryptAllowedTo.map((s) => s.Principal)).toEqual([{ AWS: legalRoleArn }]);
    expect(keyPolicy).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:ReEncryptFrom'],
        Condition: { StringNotEquals: { 'aws:PrincipalArn': legalRoleArn } },
      }),
    );
  });

  it('lets IAM-granted roles seal batches and the account administer the key without reading with it', () => {
    const rootAllows = keyPolicy.filter((s) => s.Effect === 'Allow' && JSON.stringify(s.Principal).includes(':root'));
    const cryptographic = rootAllows.filter((s) => actionsOf(s).some((a) => /^kms:(Encrypt|GenerateDataKey)/.test(a)));
    expect(cryptographic).toEqual([
      expect.objectContaining({ Sid: 'SealThroughIam', Action: ['kms:Encrypt', 'kms:GenerateDataKey'] }),
    ]);
    for (const s of rootAllows)
      expect(actionsOf(s).filter((a) => a.includes('*') || a === 'kms:CreateGrant')).toEqual([]);
  });

  it('without configured principals, the legal-access role is assumable only by MFA-signed principals of the account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'acme-legal-access-us-east-1',
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: `arn:aws:iam::${TEST_ACCOUNT}:root` },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
          },
        ],
      },
    });
  });

  it('with configured principals, exactly those may assume the legal-access role', () => {
    // Prepare
    const counsel = 'arn:aws:iam::444455556666:role/outside-counsel';
    // Act
    const { template: configured } = vault([counsel]);
    // Assess
    configured.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'acme-legal-access-us-east-1',
      AssumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: counsel } }],
      },
    });
  });
});
