import { isCopyEntry } from '../../domain/copies/derived-copy';
import type { SubjectKey } from '../../domain/subject/subject-key';
import { parsePartitionKey, type PartitionKind } from '../../domain/record-keys';
import type { StoredItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import { allPages } from '../records/pages';
import { entriesOfSubject, isSubjectIndexEntry } from '../records/subject-index';

/** A partition the subject index lists for the subject: an interaction, a chatbot event or a consent proof. */
export interface SubjectPartition {
  pk: string;
  id: string;
  kind: PartitionKind;
  /** Regions whose index lists it (where its root record and index entries are). */
  indexRegions: string[];
  /** `<kind>#<hmacHex>` of every index entry that matched. */
  entries: string[];
}

/** The pieces of one partition in one region. */
export interface PartitionPiece {
  region: string;
  items: StoredItem[];
}

/** A record of the partition: neither a subject-index entry nor a derived copy's registry entry. */
export const isRecordItem = (item: { sk: string }): boolean => !isSubjectIndexEntry(item) && !isCopyEntry(item);

/**
 * Every partition naming the subject, in every region this deployment serves: one `bySubject`
 * Query per subject key and region, never a scan. All served regions are asked, not only those
 * of the tenant's current policy: records written under an earlier policy stay where they went.
 */
export async function findSubjectPartitions(
  stores: RegionalStores,
  tenantId: string,
  keys: readonly SubjectKey[],
): Promise<SubjectPartition[]> {
  const found = new Map<string, SubjectPartition>();
  for (const region of stores.regions) {
    const records = stores.storesFor(region).records;
    for (const key of keys) {
      const hits = await entriesOfSubject(records, tenantId, key.hmacHex);
      for (const hit of hits) {
        const parsed = parsePartitionKey(hit.pk);
        if (!parsed || parsed.tenantId !== tenantId) continue;
        const partition = found.get(hit.pk) ?? {
          pk: hit.pk,
          id: parsed.id,
          kind: parsed.kind,
          indexRegions: [],
          entries: [],
        };
        if (!partition.indexRegions.includes(region)) partition.indexRegions.push(region);
        const entry = `${hit.kind}#${hit.hmacHex}`;
        if (!partition.entries.includes(entry)) partition.entries.push(entry);
        found.set(hit.pk, partition);
      }
    }
  }
  return [...found.values()].sort((a, b) => (a.pk < b.pk ? -1 : 1));
}

/**
 * The partition's items in every served region. A partition's records can sit in several regions
 * (class regions differ; a call's in-flight leftovers), yet only the region of its root record
 * holds index entries: the others are found here, by key.
 */
export async function partitionPieces(stores: RegionalStores, pk: string): Promise<PartitionPiece[]> {
  const pieces: PartitionPiece[] = [];
  for (const region of stores.regions) {
    const records = stores.storesFor(region).records;
    const items = await allPages((cursor) => records.queryPartition(pk, { cursor, consistent: true }));
    if (items.length) pieces.push({ region, items });
  }
  return pieces;
}

/** Regions holding no index entry of the partition first, the index regions last: a crash half-way leaves it findable. */
export function indexRegionsLast(
  pieces: readonly PartitionPiece[],
  partition: Pick<SubjectPartition, 'indexRegions'>,
): PartitionPiece[] {
  return [...pieces].sort(
    (a, b) => Number(partition.indexRegions.includes(a.region)) - Number(partition.indexRegions.includes(b.region)),
  );
}
