import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { regionalResourceNames } from '../../functions/shared/resource-names';
import { cdkJsonContext, NO_BUNDLING_CONTEXT } from '../../infra/app';
import { RegionalDataStack } from '../../infra/stacks/regional-data-stack';
import { bucketNamed, onlyResourceId, TEST_ACCOUNT, TEST_CONFIG } from './support';

describe('RegionalDataStack', () => {
  const app = new App({ context: cdkJsonContext(), postCliContext: NO_BUNDLING_CONTEXT });
  const stack = new RegionalDataStack(app, 'Lethe-Data-us-east-1', {
    env: { account: TEST_ACCOUNT, region: 'us-east-1' },
    config: TEST_CONFIG,
  });
  const template = Template.fromStack(stack);
  const names = regionalResourceNames('acme', TEST_ACCOUNT, 'us-east-1');
  const dataKeyArn = () => ({
    'Fn::GetAtt': [
      onlyResourceId(template, 'AWS::KMS::Key', {
        Description: "Lethe us-east-1: wraps data keys and encrypts the region's tables and buckets.",
      }),
      'Arn',
    ],
  });

  it('names every table, bucket and key alias exactly as resource-names does', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table')).map((t) => t.Properties.TableName);
    expect(tables.sort()).toEqual([names.aggregatesTable, names.keysTable, names.recordsTable].sort());
    for (const bucket of [names.contentBucket, names.archiveBucket, names.litigationBucket])
      expect(bucketNamed(template, bucket)).toBeDefined();
    const aliases = Object.values(template.findResources('AWS::KMS::Alias')).map((a) => a.Properties.AliasName);
    expect(aliases.sort()).toEqual([names.dataKeyAlias, names.litigationKeyAlias].sort());
  });

  it('encrypts the tables and the content and archive buckets with the regional data CMK', () => {
    for (const table of Object.values(template.findResources('AWS::DynamoDB::Table')))
      expect(table.Properties.SSESpecification.KMSMasterKeyId).toEqual(dataKeyArn());
    for (const bucket of [names.contentBucket, names.archiveBucket])
      expect(
        bucketNamed(template, bucket).BucketEncryption.ServerSideEncryptionConfiguration[0]
          .ServerSideEncryptionByDefault.KMSMasterKeyID,
      ).toEqual(dataKeyArn());
  });

  it('ages out old object versions within the same window as the table backups', () => {
    for (const bucket of [names.contentBucket, names.archiveBucket])
      expect(bucketNamed(template, bucket).LifecycleConfiguration.Rules).toContainEqual(
        expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 21 } }),
      );
  });

  it("locks the litigation archive for the configured retention behind the region's legal-access role", () => {
    expect(bucketNamed(template, names.litigationBucket).ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'COMPLIANCE',
      Days: 3650,
    });
    template.hasResourceProperties('AWS::IAM::Role', { RoleName: 'acme-legal-access-us-east-1' });
  });
});
