import type { DataClass } from '../../domain/data-class';
import { bucketForExpiry } from '../../domain/sweep/checkpoint';
import type { ItemKey, RecordStore, StoredItem } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';

/**
 * DynamoDB TTL deletes an item some time after its `expiresAt`, hold or no hold. While a hold
 * covers a partition, the expiry of each of its items (records and subject-index entries) moves
 * to `heldExpiresAt`, out of TTL's reach and out of the `byExpiry` index; release moves it back,
 * into the bucket where the next sweep finds it (today's, when it has passed).
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

/** Puts every item of a held partition out of TTL's reach; returns how many items it moved. */
export function protectPartition(records: RecordStore, pk: string): Promise<number> {
  return eachItem(records, pk, (item) => protectItem(records, item));
}

/** Gives every item of a released partition its expiry back, due at once when it has passed. */
export function releasePartition(records: RecordStore, tenantId: string, pk: string, now: Date): Promise<number> {
  return eachItem(records, pk, (item) => {
    const held = item[HELD_EXPIRY];
    if (typeof held !== 'number') return Promise.resolve(false);
    // Subject-index entries carry no class: they get their TTL back and no bucket.
    const set: Record<string, unknown> = { expiresAt: held };
    if (typeof item.class === 'string' && !item.sk.startsWith('SUBJ#')) set.expiryBucket = bucketForExpiry(tenantId, item.class as DataClass, held, `${item.pk}|${item.sk}`, now);
    return unlessChanged(() => records.update(keyOf(item), { set, remove: [HELD_EXPIRY] }, { kind: 'matches', attributes: { [HELD_EXPIRY]: held } }));
  });
}
