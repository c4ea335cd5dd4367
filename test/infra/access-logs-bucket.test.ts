import { Template } from 'aws-cdk-lib/assertions';
import { AccessLogsBucket } from '../../infra/constructs/access-logs-bucket';
import { expectTlsOnly, onlyResourceId, testStack } from './support';

describe('AccessLogsBucket', () => {
  it('is private, TLS-only, SSE-S3 (the only encryption log delivery supports) and forgets logs after the retention', () => {
    // Prepare
    const stack = testStack();
    // Act
    new AccessLogsBucket(stack, 'AccessLogs', { retentionDays: 30 });
    // Assess
    const template = Template.fromStack(stack);
    const bucketId = onlyResourceId(template, 'AWS::S3::Bucket');
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: {
        Rules: [
          {
            Id: 'expire-logs',
            Status: 'Enabled',
            ExpirationInDays: 30,
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          },
        ],
      },
    });
    expectTlsOnly(template, bucketId);
  });
});
