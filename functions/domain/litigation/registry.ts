import type { DataClass } from '../data-class';

/**
 * The registry of a tenant's sealed batches in the records table of the litigation region: one
 * item per batch in partition `T#<t>#L`, sort key `BATCH#<batchId>`, class `litigation`, with the
 * batch's Object Lock end as `expiresAt` and an `expiryBucket`, so the nightly sweep destroys a
 * batch when its retention ends exactly as it deletes any record, and the retrieval API lists a
 * tenant's batches with one Query. It names the partitions whose records it holds (`members`), so
 * a legal hold on one of them keeps the batch too; a subject hold reaches it through the subject
 * links written at sealing (the members' own index entries go with them).
 */
export const litigationPartition = (tenantId: string): string => `T#${tenantId}#L`;
export const BATCH_PREFIX = 'BATCH#';
export const batchSortKey = (batchId: string): string => `${BATCH_PREFIX}${batchId}`;
/** What hold coverage calls a batch: all batches share one partition, so the partition alone does not name it. */
export const batchCoverageKey = (tenantId: string, batchId: string): string =>
  `${litigationPartition(tenantId)}#${batchSortKey(batchId)}`;

export interface BatchEntry {
  tenantId: string;
  batchId: string;
  /** The class of the records sealed in it. */
  sealedClass: DataClass;
  /** Where the sealed records lived. */
  sourceRegion: string;
  /** Region of the litigation bucket and key that hold it. */
  region: string;
  objectKey: string;
  records: number;
  members: string[];
  sealedAt: string;
  retainUntil: string;
}
