import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface SecureBucketProps {
  /** Physical name from resource-names. */
  bucketName: string;
  /** SSE-KMS key of every object. */
  encryptionKey: kms.IKey;
  serverAccessLogsBucket: s3.IBucket;
  /** Key prefix of this bucket's access logs; defaults to the construct id, lower-cased. */
  serverAccessLogsPrefix?: string;
  /** Days an overwritten or deleted version is kept before S3 removes it. */
  noncurrentVersionDays: number;
  /** Rules of this bucket's data, added to the housekeeping rule every bucket gets. */
  lifecycleRules?: s3.LifecycleRule[];
  /** S3 Bucket Keys cut KMS calls but hide the object from CloudTrail's KMS events. Default on. */
  bucketKeyEnabled?: boolean;
  /** Object Lock default retention; only the litigation vault sets it. */
  objectLockDefaultRetention?: s3.ObjectLockRetention;
}

/**
 * A private, versioned, SSE-KMS bucket reachable only over TLS 1.2+, with server access logs and
 * a housekeeping lifecycle (incomplete uploads aborted, noncurrent versions and orphaned delete
 * markers removed). Retained when the stack goes: data leaves through the sweep, never by accident.
 */
export class SecureBucket extends s3.Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id, {
      bucketName: props.bucketName,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: props.bucketKeyEnabled ?? true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.serverAccessLogsBucket,
      serverAccessLogsPrefix: props.serverAccessLogsPrefix ?? `${id.toLowerCase()}/`,
      objectLockDefaultRetention: props.objectLockDefaultRetention,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'housekeeping',
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          noncurrentVersionExpiration: Duration.days(props.noncurrentVersionDays),
          expiredObjectDeleteMarker: true,
        },
        ...(props.lifecycleRules ?? []),
      ],
    });
  }
}

/** Props of the concrete buckets: their lifecycle is theirs to fix. */
export type BucketProps = Omit<SecureBucketProps, 'lifecycleRules' | 'objectLockDefaultRetention' | 'bucketKeyEnabled'>;
