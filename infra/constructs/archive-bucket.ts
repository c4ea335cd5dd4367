import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { backstopTags } from '../../functions/domain/retention/content-backstop';
import { SecureBucket, type BucketProps } from './secure-bucket';

/** Archived copies move to Deep Archive after a year; reading them then needs a restore first. */
export const ARCHIVE_DEEP_AFTER_DAYS = 365;
/**
 * Backstop beyond the longest archive life a preset uses (Inbenta: 100 days + 2 years). It expires
 * only copies tagged `lethe-backstop=on`: a legal hold re-tags what it keeps `held`, since no age is
 * safe for a hold (functions/domain/retention/content-backstop.ts).
 */
export const ARCHIVE_BACKSTOP_DAYS = 2192;

/**
 * `<app>-<account>-<region>-archive`: aged raw data reachable only through the CSV export. Objects
 * go straight to Glacier Instant Retrieval (millisecond reads, so an export needs no restore in the
 * first year), then to Deep Archive; the sweep deletes them at the end of their archive retention.
 */
export class ArchiveBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id, {
      ...props,
      lifecycleRules: [
        {
          id: 'archive-tiers',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(0) },
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(ARCHIVE_DEEP_AFTER_DAYS) },
          ],
        },
        { id: 'archive-backstop', tagFilters: backstopTags('on'), expiration: Duration.days(ARCHIVE_BACKSTOP_DAYS) },
      ],
    });
  }
}
