import type { DataClass } from '../../domain/data-class';
import { batchSortKey, litigationPartition } from '../../domain/litigation/registry';
import type { ItemKey, RecordStore, StoredItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import { allPages } from '../records/pages';
import { entriesOfPartition, indexedHmacOf, namesSubject } from '../records/subject-index';

/**
 * A sealed batch outlives the live records it copied: once the sweep deletes or anonymises them,
 * their subject-index entries go too, and nothing would tell a subject request that the batch
 * still holds the subject's data. So sealing writes, beside the batch's registry entry (partition
 * `T#<t>#L` of the litigation region), one link per subject key of the sealed partitions:
 * sort key `LINK#<hmacHex>#<batchId>`, the keyed hash only. Links carry no TTL (a held batch keeps
 * them): destroying the batch deletes them, by the list its registry entry keeps (`subjectLinks`).
 */
export const LINK_PREFIX = 'LINK#';
const linkSortKey = (hmacHex: string, batchId: string) => `${LINK_PREFIX}${hmacHex}#${batchId}`;

export interface SubjectLink {
  batchId: string;
  sealedClass: DataClass;
  /** Records of the subject's partitions in the batch, under this key. */
  records: number;
}

/** The link items of a batch: one per subject key naming any of its records' partitions, found through those partitions' index entries. */
export async function subjectLinksOf(
  stores: RegionalStores,
  tenantId: string,
  batch: { batchId: string; sealedClass: DataClass },
  items: readonly StoredItem[],
): Promise<StoredItem[]> {
  const recordsPerPartition = new Map<string, number>();
  for (const item of items) recordsPerPartition.set(item.pk, (recordsPerPartition.get(item.pk) ?? 0) + 1);
  const perKey = new Map<string, { kind: unknown; records: number }>();
  for (const [pk, records] of recordsPerPartition)
    for (const region of stores.regions) {
      // Name prefixes stand for no one ("ann" is Anna's and Annabelle's): only whole identifiers are linked.
      for (const entry of (await entriesOfPartition(stores.storesFor(region).records, pk)).filter(namesSubject)) {
        const hmacHex = indexedHmacOf(entry);
        const known = perKey.get(hmacHex) ?? { kind: entry.kind, records: 0 };
        perKey.set(hmacHex, { ...known, records: known.records + records });
      }
    }
  return [...perKey].map(([hmacHex, { kind, records }]) => ({
    pk: litigationPartition(tenantId),
    sk: linkSortKey(hmacHex, batch.batchId),
    tenantId,
    kind,
    batchId: batch.batchId,
    sealedClass: batch.sealedClass,
    records,
  }));
}

/** Writes the links (idempotent puts: a re-run after a crash writes the same items). */
export async function writeSubjectLinks(records: RecordStore, links: readonly StoredItem[]): Promise<void> {
  for (const link of links) await records.put(link);
}

/** Deletes a batch's links, as listed on its registry entry. */
export async function deleteSubjectLinks(records: RecordStore, entry: StoredItem): Promise<void> {
  const keys = Array.isArray(entry.subjectLinks)
    ? entry.subjectLinks.filter((sk): sk is string => typeof sk === 'string')
    : [];
  if (keys.length) await records.deleteItems(keys.map((sk): ItemKey => ({ pk: entry.pk, sk })));
}

/** The ids of the batches linked to one subject key (one Query; the batches may be gone meanwhile). */
export async function batchesLinkedTo(records: RecordStore, tenantId: string, hmacHex: string): Promise<string[]> {
  const links = await allPages((cursor) =>
    records.queryPartition(litigationPartition(tenantId), { skPrefix: `${LINK_PREFIX}${hmacHex}#`, cursor }),
  );
  return links.map((link) => String(link.batchId));
}

/**
 * The batches still kept that hold records of the subject, by their links, in the litigation
 * region (one Query per subject key). A link whose batch is gone (destroyed, its links being
 * deleted) is not reported.
 */
export async function sealedBatchesOfSubject(
  records: RecordStore,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<Array<SubjectLink & { retainUntil: string }>> {
  const found = new Map<string, SubjectLink & { retainUntil: string }>();
  for (const hmacHex of subjectHmacs) {
    const links = await allPages((cursor) =>
      records.queryPartition(litigationPartition(tenantId), { skPrefix: `${LINK_PREFIX}${hmacHex}#`, cursor }),
    );
    for (const link of links) {
      const batchId = String(link.batchId);
      const known = found.get(batchId);
      if (known) {
        known.records = Math.max(known.records, Number(link.records));
        continue;
      }
      const entry = await records.get({ pk: litigationPartition(tenantId), sk: batchSortKey(batchId) });
      if (typeof entry?.retainUntil !== 'string') continue;
      found.set(batchId, {
        batchId,
        sealedClass: link.sealedClass as DataClass,
        records: Number(link.records),
        retainUntil: entry.retainUntil,
      });
    }
  }
  return [...found.values()];
}
