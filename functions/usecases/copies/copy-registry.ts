import {
  copyEntry,
  copyOf,
  COPY_ENTRY_PREFIX,
  reaches,
  tenantCopiesPartition,
  type CopyReach,
  type DerivedCopy,
} from '../../domain/copies/derived-copy';
import { parsePartitionKey } from '../../domain/record-keys';
import type { FoundCopy } from '../../domain/subject-requests/inventory';
import type { ContentStore } from '../../ports/content-store';
import type { RegionalStores } from '../../ports/regional-stores';
import { allPages } from '../records/pages';

/** The stores a copy can be in: a region's content bucket, or the home region's exports bucket. */
export interface CopyStores {
  stores: RegionalStores;
  exports: ContentStore;
}

/** A registered copy and where its entry is. */
export interface RegisteredCopy {
  pk: string;
  sk: string;
  entryRegion: string;
  copy: DerivedCopy;
}

const bucketOf = (deps: CopyStores, copy: DerivedCopy): ContentStore =>
  copy.bucket === 'exports' ? deps.exports : deps.stores.storesFor(copy.region).content;

/**
 * Registers a copy against every partition it holds data of, before the object is written (a
 * crash in between leaves an entry without an object, never an object nobody knows of). The
 * entries go to the records table of the copy's own region, beside the object.
 */
export async function registerCopy(
  deps: Pick<CopyStores, 'stores'>,
  tenantId: string,
  partitions: readonly string[],
  copy: DerivedCopy,
): Promise<void> {
  const records = deps.stores.storesFor(copy.region).records;
  for (const pk of new Set(partitions)) await records.put(copyEntry(tenantId, pk, copy));
}

/** The copies registered against partition `pk`, in every region. */
export async function copiesOf(deps: Pick<CopyStores, 'stores'>, pk: string): Promise<RegisteredCopy[]> {
  const found: RegisteredCopy[] = [];
  for (const region of deps.stores.regions) {
    const records = deps.stores.storesFor(region).records;
    for (const item of await allPages((cursor) =>
      records.queryPartition(pk, { skPrefix: COPY_ENTRY_PREFIX, cursor, consistent: true }),
    )) {
      const copy = copyOf(item);
      if (copy) found.push({ pk, sk: item.sk, entryRegion: region, copy });
    }
  }
  return found;
}

/** The copies a subject request reaches through one partition: its own, and those of the whole tenant. */
export async function copiesOfSubjectPartition(
  deps: Pick<CopyStores, 'stores'>,
  tenantId: string,
  pk: string,
): Promise<RegisteredCopy[]> {
  return [...(await copiesOf(deps, pk)), ...(await copiesOf(deps, tenantCopiesPartition(tenantId)))];
}

/**
 * Deletes every version of each copy the deletion reaches, then its registry entry: a link issued
 * for it stops working at once. Safe to repeat. Returns the copies deleted.
 */
export async function deleteCopies(
  deps: CopyStores,
  copies: readonly RegisteredCopy[],
  reach: CopyReach,
): Promise<DerivedCopy[]> {
  const deleted: DerivedCopy[] = [];
  for (const entry of copies.filter((c) => reaches(c.copy, reach))) {
    await bucketOf(deps, entry.copy).deleteAllVersions(entry.copy.objectKey);
    await deps.stores.storesFor(entry.entryRegion).records.deleteItems([{ pk: entry.pk, sk: entry.sk }]);
    deleted.push(entry.copy);
  }
  return deleted;
}

/**
 * What retention and content deletion call when they remove data of a partition: the copies holding
 * it go too, those of the whole tenant included (a terminated tenant's offboarding package holds
 * every partition; it can be built again by terminating again, without what is gone).
 */
export async function deleteCopiesOfPartition(deps: CopyStores, pk: string, reach: CopyReach): Promise<DerivedCopy[]> {
  const tenantId = parsePartitionKey(pk)?.tenantId;
  const tenantWide = tenantId ? await copiesOf(deps, tenantCopiesPartition(tenantId)) : [];
  return deleteCopies(deps, [...(await copiesOf(deps, pk)), ...tenantWide], reach);
}

/**
 * How many of the copies a request found (`found`) are still there, read from storage: an object
 * with any version left, or a registry entry; with every copy registered since against the same
 * partitions or the whole tenant. Erasure's verification counts them (verify-request.ts).
 */
export async function copiesLeft(deps: CopyStores, tenantId: string, found: readonly FoundCopy[]): Promise<number> {
  const left = new Set<string>();
  const id = (c: Pick<DerivedCopy, 'bucket' | 'region' | 'objectKey'>) => `${c.bucket}|${c.region}|${c.objectKey}`;
  for (const copy of found) {
    const bucket = copy.bucket === 'exports' ? deps.exports : deps.stores.storesFor(copy.region).content;
    if ((await bucket.listVersions(copy.objectKey)).length) left.add(id(copy));
  }
  for (const pk of new Set([tenantCopiesPartition(tenantId), ...found.map((c) => c.entryPk)]))
    for (const { copy } of await copiesOf(deps, pk)) left.add(id(copy));
  return left.size;
}
