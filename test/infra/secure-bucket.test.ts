import { Template } from 'aws-cdk-lib/assertions';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { SecureBucket } from '../../infra/constructs/secure-bucket';
import { bucketNamed, dependencies, expectTlsOnly, onlyResourceId, testStack } from './support';

describe('SecureBucket', () => {
  const stack = testStack();
  const { key, logs } = dependencies(stack);
  new SecureBucket(stack, 'Content', {
    bucketName: 'acme-bucket',
    encryptionKey: key,
    serverAccessLogsBucket: logs,
    noncurrentVersionDays: 21,
  });
  const template = Template.fromStack(stack);
  const bucketId = onlyResourceId(template, 'AWS::S3::Bucket', { BucketName: 'acme-bucket' });
  const bucket = () => bucketNamed(template, 'acme-bucket');

  it('blocks every form of public access', () => {
    expect(bucket().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
  });

  it('refuses any request not made over TLS 1.2 or later', () => {
    expectTlsOnly(template, bucketId);
  });

  it('encrypts every object with the given CMK and keeps versions', () => {
    expect(bucket().BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      {
        BucketKeyEnabled: true,
        ServerSideEncryptionByDefault: {
          SSEAlgorithm: 'aws:kms',
          KMSMasterKeyID: { 'Fn::GetAtt': [onlyResourceId(template, 'AWS::KMS::Key'), 'Arn'] },
        },
      },
    ]);
    expect(bucket().VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('writes server access logs to the log bucket under its own prefix', () => {
    expect(bucket().LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: stack.getLogicalId(logs.node.defaultChild as s3.CfnBucket) },
      LogFilePrefix: 'content/',
    });
  });

  it('aborts stale multipart uploads after a day and drops noncurrent versions after the configured days', () => {
    expect(bucket().LifecycleConfiguration.Rules).toContainEqual({
      Id: 'housekeeping',
      Status: 'Enabled',
      AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      NoncurrentVersionExpiration: { NoncurrentDays: 21 },
      ExpiredObjectDeleteMarker: true,
    });
  });
});
