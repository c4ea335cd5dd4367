import type { DataClass } from '../../domain/data-class';
import { backstopTags, underBackstop, type BackstopState } from '../../domain/retention/content-backstop';
import { bucketForExpiry } from '../../domain/sweep/checkpoint';
import { parsePartitionKey } from '../../domain/sweep/record-keys';
import type { ItemKey, RecordStore, StoredItem } from '../../ports/record-store';
import type { RegionStores } from '../../ports/regional-stores';
import { WriteConflict } from '../../ports/write-conflict';
import { contentKeysOfItem } from '../retention/content-objects';

/**
 * DynamoDB TTL deletes an item some time after its `expiresAt`, hold or no hold. While a hold
 * covers a partition, the expiry of each of its items (records and subject-index entries) moves
 * to `heldExpiresAt`, out of TTL's reach and out of the `byExpiry` index; release moves it back,
 * into the bucket where the next sweep finds it (today's, when it has passed). The content
 * objects of held records are tagged out of the content bucket's lifecycle backstop the same way
 * (functions/domain/retention/content-backstop.ts).
 */
export const HELD_EXPIRY = 'heldExpiresAt';

async function eachItem(records: RecordStore, pk: string, visit: (item: StoredItem) => Promise<boolean>): Promise<number> {
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
    records.update(keyOf(item), { set: { [HELD_EXPIRY]: expiresAt }, remove: ['expiresAt', 'expiryBucket'] }, { kind: 'matches', attributes: { expiresAt } }),
  );
}

/** Tags the objects of one item (a finalised recording, an archived copy) in or out of the lifecycle backstops. */
async function tagObjects(stores: Pick<RegionStores, 'content' | 'archive'>, item: StoredItem, state: BackstopState): Promise<void> {
  const tenantId = parsePartitionKey(item.pk)?.tenantId;
  if (!tenantId) return;
  const tags = backstopTags(state);
  // A missing object (upload never completed, already deleted) has nothing to keep.
  for (const key of contentKeysOfItem(tenantId, item).filter(underBackstop)) await stores.content.setTags(key, tags);
  const archived = Array.isArray(item.archiveKeys) ? item.archiveKeys.filter((k): k is string => typeof k === 'string') : [];
  for (const key of archived) await stores.archive.setTags(key, tags);
}

/** Puts every item of a held partition, and its content, out of TTL's and lifecycle's reach; returns how many items it moved. */
export function protectPartition(stores: Pick<RegionStores, 'records' | 'content' | 'archive'>, pk: string): Promise<number> {
  return eachItem(stores.records, pk, async (item) => {
    await tagObjects(stores, item, 'held');
    return protectItem(stores.records, item);
  });
}

/** Gives every item of a released partition its expiry (and its content the backstop) back, due at once when it has passed. */
export function releasePartition(stores: Pick<RegionStores, 'records' | 'content' | 'archive'>, tenantId: string, pk: string, now: Date): Promise<number> {
  const { records } = stores;
  return eachItem(records, pk, async (item) => {
    const held = item[HELD_EXPIRY];
    if (typeof held !== 'number') return false;
    // Subject-index entries carry no class: they get their TTL back and no bucket.
    const set: Record<string, unknown> = { expiresAt: held };
    if (typeof item.class === 'string' && !item.sk.startsWith('SUBJ#')) set.expiryBucket = bucketForExpiry(tenantId, item.class as DataClass, held, `${item.pk}|${item.sk}`, now);
    const resumed = await unlessChanged(() => records.update(keyOf(item), { set, remove: [HELD_EXPIRY] }, { kind: 'matches', attributes: { [HELD_EXPIRY]: held } }));
    if (resumed) await tagObjects(stores, item, 'on');
    return resumed;
  });
}
