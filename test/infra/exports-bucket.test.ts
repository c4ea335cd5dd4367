import { Template } from 'aws-cdk-lib/assertions';
import { ExportsBucket } from '../../infra/constructs/exports-bucket';
import { bucketNamed, dependencies, testStack } from './support';

describe('ExportsBucket', () => {
  it('deletes export packages seven days after they are written', () => {
    // Prepare
    const stack = testStack();
    const { key, logs } = dependencies(stack);
    // Act
    new ExportsBucket(stack, 'Exports', {
      bucketName: 'acme-exports',
      encryptionKey: key,
      serverAccessLogsBucket: logs,
      noncurrentVersionDays: 1,
    });
    // Assess
    const bucket = bucketNamed(Template.fromStack(stack), 'acme-exports');
    expect(bucket.LifecycleConfiguration.Rules).toContainEqual({
      Id: 'expire-exports',
      Status: 'Enabled',
      ExpirationInDays: 7,
    });
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('deletes bulk downloads (plain chat logs and recordings) and their old versions after one day', () => {
    // Prepare
    const stack = testStack();
    const { key, logs } = dependencies(stack);
    // Act
    new ExportsBucket(stack, 'Exports', {
      bucketName: 'acme-exports',
      encryptionKey: key,
      serverAccessLogsBucket: logs,
      noncurrentVersionDays: 1,
    });
    // Assess
    const bucket = bucketNamed(Template.fromStack(stack), 'acme-exports');
    expect(bucket.LifecycleConfiguration.Rules).toContainEqual({
      Id: 'expire-bulk-downloads',
      Status: 'Enabled',
      Prefix: 'downloads/',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
  });
});
