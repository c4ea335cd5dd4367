import { Duration } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SecureBucket, type BucketProps } from './secure-bucket';

/** Subject-request and offboarding packages are fetched within days or requested again. */
export const EXPORT_LIFETIME_DAYS = 7;
/**
 * Bulk downloads (`downloads/<t>/…zip`: chat logs and recordings in the clear, behind a link of
 * five minutes) go after a day, the shortest lifecycle allows: an erasure cannot name them.
 */
export const BULK_DOWNLOAD_DAYS = 1;

/** `<app>-<account>-<home>-exports`: packages served through short-lived presigned URLs. */
export class ExportsBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id, {
      ...props,
      lifecycleRules: [
        { id: 'expire-exports', expiration: Duration.days(EXPORT_LIFETIME_DAYS) },
        {
          id: 'expire-bulk-downloads',
          prefix: 'downloads/',
          expiration: Duration.days(BULK_DOWNLOAD_DAYS),
          noncurrentVersionExpiration: Duration.days(BULK_DOWNLOAD_DAYS),
        },
      ],
    });
  }
}
