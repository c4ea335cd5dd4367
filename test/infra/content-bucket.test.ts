import { Template } from 'aws-cdk-lib/assertions';
import { CONTENT_BACKSTOP_DAYS, ContentBucket } from '../../infra/constructs/content-bucket';
import { bucketNamed, dependencies, testStack } from './support';

describe('ContentBucket', () => {
  const stack = testStack();
  const { key, logs } = dependencies(stack);
  new ContentBucket(stack, 'Content', { bucketName: 'acme-content', encryptionKey: key, serverAccessLogsBucket: logs, noncurrentVersionDays: 21 });
  const rules: object[] = bucketNamed(Template.fromStack(stack), 'acme-content').LifecycleConfiguration.Rules;

  it('moves recordings to Glacier Instant Retrieval after 90 days and expires them at the backstop', () => {
    expect(rules).toContainEqual({
      Id: 'recording',
      Status: 'Enabled',
      Prefix: 'recording/',
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
      ExpirationInDays: CONTENT_BACKSTOP_DAYS,
    });
  });

  it('moves large transcripts to Standard-IA after 30 days and expires them at the backstop', () => {
    expect(rules).toContainEqual({
      Id: 'transcript',
      Status: 'Enabled',
      Prefix: 'transcript/',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
      ExpirationInDays: CONTENT_BACKSTOP_DAYS,
    });
  });

  it('forgets pending uploads after two days', () => {
    expect(rules).toContainEqual({ Id: 'upload', Status: 'Enabled', Prefix: 'upload/', ExpirationInDays: 2 });
  });

  it('expires plain playback copies after a day, and their last version a day later', () => {
    expect(rules).toContainEqual({ Id: 'playback', Status: 'Enabled', Prefix: 'playback/', ExpirationInDays: 1, NoncurrentVersionExpiration: { NoncurrentDays: 1 } });
  });

  it('keeps the backstop beyond the longest preset retention (3 years)', () => {
    expect(CONTENT_BACKSTOP_DAYS).toBeGreaterThan(3 * 366);
  });
});
