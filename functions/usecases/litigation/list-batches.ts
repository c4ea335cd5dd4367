import type { DataClass } from '../../domain/data-class';
import { BATCH_PREFIX, litigationPartition, type BatchEntry } from '../../domain/litigation/registry';
import type { RegionalStores } from '../../ports/regional-stores';

/** A batch as the retrieval API lists it: no content, only what it is and how long it is kept. */
export type BatchSummary = Pick<
  BatchEntry,
  'batchId' | 'sealedClass' | 'region' | 'sourceRegion' | 'records' | 'sealedAt' | 'retainUntil'
>;

const summaryOf = (item: Record<string, unknown>): BatchSummary => ({
  batchId: String(item.batchId),
  sealedClass: item.sealedClass as DataClass,
  region: String(item.region),
  sourceRegion: String(item.sourceRegion),
  records: Number(item.records),
  sealedAt: String(item.sealedAt),
  retainUntil: String(item.retainUntil),
});

/** Every sealed batch of a tenant still kept, in every region, oldest first (one Query per region). */
export async function listBatches(stores: RegionalStores, tenantId: string): Promise<BatchSummary[]> {
  const batches: BatchSummary[] = [];
  for (const region of stores.regions) {
    let cursor: string | undefined;
    do {
      const page = await stores
        .storesFor(region)
        .records.queryPartition(litigationPartition(tenantId), { skPrefix: BATCH_PREFIX, cursor });
      batches.push(...page.items.map(summaryOf));
      cursor = page.cursor;
    } while (cursor);
  }
  return batches.sort((a, b) => a.sealedAt.localeCompare(b.sealedAt) || a.batchId.localeCompare(b.batchId));
}

/** One batch's registry entry, wherever it is kept. */
export async function findBatch(
  stores: RegionalStores,
  tenantId: string,
  batchId: string,
): Promise<(BatchSummary & { objectKey: string }) | undefined> {
  for (const region of stores.regions) {
    const item = await stores
      .storesFor(region)
      .records.get({ pk: litigationPartition(tenantId), sk: `${BATCH_PREFIX}${batchId}` });
    if (item) return { ...summaryOf(item), objectKey: String(item.objectKey) };
  }
  return undefined;
}
