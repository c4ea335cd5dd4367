import type { DataClass } from '../../domain/data-class';
import { backstopTags, underBackstop, type BackstopState } from '../../domain/retention/content-backstop';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { bucketForExpiry } from '../../domain/sweep/checkpoint';
import { parsePartitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { ItemKey, RecordStore, StoredItem } from '../../ports/record-store';
import { HELD_EXPIRY } from '../records/held-expiry';
import type { RegionalStores, RegionStores } from '../../ports/regional-stores';
import type { PolicyRevision } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { contentKeysOfItem } from '../records/content-objects';
import { dueRecordOf } from '../records/item-facts';
import { listingKey } from '../records/interaction-listing';
import { EXPIRY_REVISION, extendIndexEntries, replanExpiry } from '../records/redate-record';
import { isSubjectIndexEntry } from '../records/subject-index';

async function eachItem(
  records: RecordStore,
  pk: string,
  visit: (item: StoredItem) => Promise<boolean>,
): Promise<number> {
  let changed = 0;
  let cursor: string | undefined;
  do {
    const page = await records.queryPartition(pk, { cursor, consistent: true });
    for (const item of page.items) if (await visit(item)) changed++;
    cursor = page.cursor;
  } while (cursor);
  return changed;
}

async function unlessChanged(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof WriteConflict) return false; // changed or deleted meanwhile: not ours to touch now
    throw error;
  }
}

const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });

/** Puts one held item out of TTL's reach; false when it has no expiry (already protected). */
export function protectItem(records: RecordStore, item: StoredItem): Promise<boolean> {
  const expiresAt = item.expiresAt;
  if (typeof expiresAt !== 'number') return Promise.resolve(false);
  return unlessChanged(() =>
    records.update(
      keyOf(item),
      { set: { [HELD_EXPIRY]: expiresAt }, remove: ['expiresAt', 'expiryBucket'] },
      { kind: 'matches', attributes: { expiresAt } },
    ),
  );
}

/**
 * Gives a litigation batch's registry entry, kept by the sweep while a hold covered it, its
 * retention end back (Object Lock's own end, never re-planned), due at once when it has passed.
 */
export function releaseBatchEntry(
  records: RecordStore,
  tenantId: string,
  entry: StoredItem,
  now: Date,
): Promise<boolean> {
  const held = entry[HELD_EXPIRY];
  if (typeof held !== 'number') return Promise.resolve(false);
  const set = {
    expiresAt: held,
    expiryBucket: bucketForExpiry(tenantId, entry.class as DataClass, held, `${entry.pk}|${entry.sk}`, now),
  };
  return unlessChanged(() =>
    records.update(
      keyOf(entry),
      { set, remove: [HELD_EXPIRY] },
      { kind: 'matches', attributes: { [HELD_EXPIRY]: held } },
    ),
  );
}

/** Tags the objects of one item (a finalised recording, an archived copy) in or out of the lifecycle backstops. */
async function tagObjects(
  stores: Pick<RegionStores, 'content' | 'archive'>,
  item: StoredItem,
  state: BackstopState,
): Promise<void> {
  const tenantId = parsePartitionKey(item.pk)?.tenantId;
  if (!tenantId) return;
  const tags = backstopTags(state);
  // A missing object (upload never completed, already deleted) has nothing to keep.
  for (const key of contentKeysOfItem(tenantId, item).filter(underBackstop)) await stores.content.setTags(key, tags);
  const archived = Array.isArray(item.archiveKeys)
    ? item.archiveKeys.filter((k): k is string => typeof k === 'string')
    : [];
  for (const key of archived) await stores.archive.setTags(key, tags);
}

/**
 * The listing entry (admin time search, usecases/records/interaction-listing.ts) of an interaction
 * whose general info is `item`, in every region holding one: it follows its interaction's hold.
 */
async function listingEntriesOf(
  stores: RegionalStores,
  item: StoredItem,
): Promise<{ records: RecordStore; entry: StoredItem }[]> {
  const partition = parsePartitionKey(item.pk);
  if (partition?.kind !== 'interaction' || item.sk !== ROOT_SORT_KEY.interaction || typeof item.startedAt !== 'string')
    return [];
  const key = listingKey(partition.tenantId, { interactionId: partition.id, startedAt: item.startedAt });
  const found: { records: RecordStore; entry: StoredItem }[] = [];
  for (const region of stores.regions) {
    const records = stores.storesFor(region).records;
    const entry = await records.get(key, { consistent: true });
    if (entry) found.push({ records, entry });
  }
  return found;
}

/**
 * Puts every item of a held partition (in `region`), its interaction's listing entry and its
 * content out of TTL's and lifecycle's reach; returns how many of the partition's items it moved.
 */
export function protectPartition(stores: RegionalStores, region: string, pk: string): Promise<number> {
  const regionStores = stores.storesFor(region);
  return eachItem(regionStores.records, pk, async (item) => {
    await tagObjects(regionStores, item, 'held');
    for (const { records, entry } of await listingEntriesOf(stores, item)) await protectItem(records, entry);
    return protectItem(regionStores.records, item);
  });
}

/**
 * Gives every item of a released partition its expiry (and its content the backstop) back, due at
 * once when it has passed. A live record gets the expiry `policy` (the current one) gives it, as
 * the sweep gives records in `byExpiry` after a policy change: a change saved while the hold kept
 * the record out of the sweep's reach is not lost on release. The interaction's listing entry
 * follows its general info.
 */
export async function releasePartition(
  deps: { stores: RegionalStores },
  target: { region: string; tenantId: string; pk: string },
  policy: PolicyRevision | undefined,
  now: Date,
): Promise<number> {
  const { region, tenantId, pk } = target;
  const stores = deps.stores.storesFor(region);
  let latestRedated = 0;
  const released = await eachItem(stores.records, pk, async (item) => {
    const held = item[HELD_EXPIRY];
    if (typeof held !== 'number') return false;
    const { expiresAt, revision } = await expiryOnRelease(stores.records, item, held, policy, now);
    // Subject-index entries carry no bucket: they get their TTL back only.
    const set: Record<string, unknown> = { expiresAt };
    if (typeof item.class === 'string' && !isSubjectIndexEntry(item))
      set.expiryBucket = bucketForExpiry(tenantId, item.class as DataClass, expiresAt, `${item.pk}|${item.sk}`, now);
    if (revision !== undefined) set[EXPIRY_REVISION] = revision;
    const resumed = await unlessChanged(() =>
      stores.records.update(
        keyOf(item),
        { set, remove: [HELD_EXPIRY] },
        { kind: 'matches', attributes: { [HELD_EXPIRY]: held } },
      ),
    );
    if (!resumed) return false;
    await tagObjects(stores, item, 'on');
    // The listing entry gets its TTL back with its interaction's expiry (re-dated or not).
    for (const { records, entry } of await listingEntriesOf(deps.stores, item))
      await unlessChanged(() =>
        records.update(keyOf(entry), { set: { expiresAt }, remove: [HELD_EXPIRY] }, { kind: 'present' }),
      );
    if (expiresAt > held) latestRedated = Math.max(latestRedated, expiresAt);
    return true;
  });
  // Index entries come back with their held TTL, after the records sort before them were re-dated.
  if (latestRedated) await extendIndexEntries(stores.records, pk, latestRedated);
  return released;
}

/**
 * The expiry a held item gets back: a live record's under the current policy (an already passed
 * one stays passed: a hold keeps data, it does not bring it back); anything else, and every item
 * of a tenant without a policy, the one it was held with. Subject-index entries keep theirs: they
 * expire with their record's first expiry or, in an archived partition, with the archive's end.
 */
async function expiryOnRelease(
  records: RecordStore,
  item: StoredItem,
  held: number,
  policy: PolicyRevision | undefined,
  now: Date,
): Promise<{ expiresAt: number; revision?: number }> {
  const record = policy && !isSubjectIndexEntry(item) ? dueRecordOf({ ...item, expiresAt: held }) : undefined;
  if (!policy || !record) return { expiresAt: held };
  const step = await replanExpiry(records, item, record, policy.policy, now);
  return step?.kind === 'move'
    ? { expiresAt: ttlEpochSeconds(step.expiresAt), revision: policy.revision }
    : { expiresAt: held };
}
