import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { backstopTags } from '../../functions/domain/retention/content-backstop';
import { SecureBucket, type BucketProps } from './secure-bucket';

/**
 * Backstops only: the sweep deletes each object the moment its tenant's policy says so. These
 * rules catch what a failed sweep would leave, so they sit beyond the longest retention a preset
 * uses (3 years) with room for a 5-year contract. A tenant policy longer than this would lose data
 * early: keep policy maxima below it. A legal hold has no end date, so no age is ever safe for held
 * content: the expiration acts only on objects tagged `lethe-backstop=on`, and a hold re-tags what
 * it keeps `held` (functions/domain/retention/content-backstop.ts).
 */
export const CONTENT_BACKSTOP_DAYS = 2192;

/** Pending uploads are either claimed by an interaction within hours or abandoned. */
export const UPLOAD_BACKSTOP_DAYS = 2;

/**
 * Playback copies (`playback/<t>/…`, plain audio behind a 5-minute link) are needed for minutes:
 * gone, every version, a day or two later, since crypto-shredding cannot reach a plain copy.
 */
export const PLAYBACK_COPY_DAYS = 1;

/**
 * `<app>-<account>-<region>-content`: recordings and large transcripts, sealed under their
 * interaction's DEK. Lifecycle per data-class prefix: cheaper storage for ageing media, an
 * expiration backstop per class, and short-lived pending uploads.
 */
export class ContentBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id, {
      ...props,
      lifecycleRules: [
        // Storage tiers by age apply to everything, held or not; the expiration only to what no hold keeps.
        {
          id: 'recording',
          prefix: 'recording/',
          transitions: [
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
          ],
        },
        {
          id: 'recording-backstop',
          prefix: 'recording/',
          tagFilters: backstopTags('on'),
          expiration: Duration.days(CONTENT_BACKSTOP_DAYS),
        },
        {
          id: 'transcript',
          prefix: 'transcript/',
          transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }],
        },
        {
          id: 'transcript-backstop',
          prefix: 'transcript/',
          tagFilters: backstopTags('on'),
          expiration: Duration.days(CONTENT_BACKSTOP_DAYS),
        },
        { id: 'upload', prefix: 'upload/', expiration: Duration.days(UPLOAD_BACKSTOP_DAYS) },
        {
          id: 'playback',
          prefix: 'playback/',
          expiration: Duration.days(PLAYBACK_COPY_DAYS),
          noncurrentVersionExpiration: Duration.days(PLAYBACK_COPY_DAYS),
        },
      ],
    });
  }
}
