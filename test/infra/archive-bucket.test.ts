import { Template } from 'aws-cdk-lib/assertions';
import { ARCHIVE_BACKSTOP_DAYS, ArchiveBucket } from '../../infra/constructs/archive-bucket';
import { BACKSTOP_TAG } from '../../functions/domain/retention/content-backstop';
import { bucketNamed, dependencies, testStack } from './support';

describe('ArchiveBucket', () => {
  it('moves archived data to Glacier at once, to Deep Archive after a year, and expires it after more than two years unless a legal hold keeps it', () => {
    // Prepare
    const stack = testStack();
    const { key, logs } = dependencies(stack);
    // Act
    new ArchiveBucket(stack, 'Archive', {
      bucketName: 'acme-archive',
      encryptionKey: key,
      serverAccessLogsBucket: logs,
      noncurrentVersionDays: 21,
    });
    // Assess
    const rules: Array<Record<string, unknown>> = bucketNamed(Template.fromStack(stack), 'acme-archive')
      .LifecycleConfiguration.Rules;
    expect(rules).toContainEqual({
      Id: 'archive-tiers',
      Status: 'Enabled',
      Transitions: [
        { StorageClass: 'GLACIER_IR', TransitionInDays: 0 },
        { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 365 },
      ],
    });
    expect(rules).toContainEqual({
      Id: 'archive-backstop',
      Status: 'Enabled',
      TagFilters: [{ Key: BACKSTOP_TAG, Value: 'on' }],
      ExpirationInDays: ARCHIVE_BACKSTOP_DAYS,
    });
    // A held copy is tagged `held`: no rule may expire a current version without the backstop tag.
    for (const rule of rules.filter((r) => 'ExpirationInDays' in r || 'ExpirationDate' in r))
      expect(rule.TagFilters).toEqual([{ Key: BACKSTOP_TAG, Value: 'on' }]);
    expect(ARCHIVE_BACKSTOP_DAYS).toBeGreaterThan(100 + 2 * 366);
  });
});
