import { Template } from 'aws-cdk-lib/assertions';
import { ARCHIVE_BACKSTOP_DAYS, ArchiveBucket } from '../../infra/constructs/archive-bucket';
import { bucketNamed, dependencies, testStack } from './support';

describe('ArchiveBucket', () => {
  it('moves archived data to Glacier at once, to Deep Archive after a year, and expires it after more than two years', () => {
    // Prepare
    const stack = testStack();
    const { key, logs } = dependencies(stack);
    // Act
    new ArchiveBucket(stack, 'Archive', { bucketName: 'acme-archive', encryptionKey: key, serverAccessLogsBucket: logs, noncurrentVersionDays: 21 });
    // Assess
    const rules = bucketNamed(Template.fromStack(stack), 'acme-archive').LifecycleConfiguration.Rules;
    expect(rules).toContainEqual({
      Id: 'archive-tiers',
      Status: 'Enabled',
      Transitions: [
        { StorageClass: 'GLACIER_IR', TransitionInDays: 0 },
        { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
      ],
      ExpirationInDays: ARCHIVE_BACKSTOP_DAYS,
    });
    expect(ARCHIVE_BACKSTOP_DAYS).toBeGreaterThan(100 + 2 * 366);
  });
});
