import { Template } from 'aws-cdk-lib/assertions';
import { CONTENT_BACKSTOP_DAYS, ContentBucket } from '../../infra/constructs/content-bucket';
import { BACKSTOP_PREFIXES, BACKSTOP_TAG } from '../../functions/domain/retention/content-backstop';
import { bucketNamed, dependencies, testStack } from './support';

describe('ContentBucket', () => {
  const stack = testStack();
  const { key, logs } = dependencies(stack);
  new ContentBucket(stack, 'Content', {
    bucketName: 'acme-content',
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    noncurrentVersionDays: 21,
  });
  const rules: Array<Record<string, unknown>> = bucketNamed(Template.fromStack(stack), 'acme-content')
    .LifecycleConfiguration.Rules;
  const backstopOn = [{ Key: BACKSTOP_TAG, Value: 'on' }];

  it('moves recordings to Glacier Instant Retrieval after 90 days, and expires at the backstop only those tagged for it', () => {
    expect(rules).toContainEqual({
      Id: 'recording',
      Status: 'Enabled',
      Prefix: 'recording/',
      Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 90 }],
    });
    expect(rules).toContainEqual({
      Id: 'recording-backstop',
      Status: 'Enabled',
      Prefix: 'recording/',
      TagFilters: backstopOn,
      ExpirationInDays: CONTENT_BACKSTOP_DAYS,
    });
  });

  it('moves large transcripts to Standard-IA after 30 days, and expires at the backstop only those tagged for it', () => {
    expect(rules).toContainEqual({
      Id: 'transcript',
      Status: 'Enabled',
      Prefix: 'transcript/',
      Transitions: [{ StorageClass: 'STANDARD_IA', TransitionInDays: 30 }],
    });
    expect(rules).toContainEqual({
      Id: 'transcript-backstop',
      Status: 'Enabled',
      Prefix: 'transcript/',
      TagFilters: backstopOn,
      ExpirationInDays: CONTENT_BACKSTOP_DAYS,
    });
  });

  it('lets no rule expire record content a legal hold keeps (tagged held): every expiration reaching those prefixes needs the backstop tag', () => {
    const reaches = (rule: Record<string, unknown>, prefix: string) =>
      rule.Prefix === undefined || prefix.startsWith(String(rule.Prefix));
    for (const prefix of BACKSTOP_PREFIXES) {
      const expiring = rules.filter(
        (rule) => reaches(rule, prefix) && ('ExpirationInDays' in rule || 'ExpirationDate' in rule),
      );
      expect(expiring.length).toBeGreaterThan(0);
      for (const rule of expiring) expect(rule.TagFilters).toEqual(backstopOn);
    }
  });

  it('forgets pending uploads after two days', () => {
    expect(rules).toContainEqual({ Id: 'upload', Status: 'Enabled', Prefix: 'upload/', ExpirationInDays: 2 });
  });

  it('expires plain playback copies after a day, and their last version a day later', () => {
    expect(rules).toContainEqual({
      Id: 'playback',
      Status: 'Enabled',
      Prefix: 'playback/',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
    });
  });

  it('keeps the backstop beyond the longest preset retention (3 years)', () => {
    expect(CONTENT_BACKSTOP_DAYS).toBeGreaterThan(3 * 366);
  });
});
