import type { StoredItem, WriteOperation } from '../../ports/record-store';

/**
 * DynamoDB TTL deletes an item some time after its `expiresAt`, hold or no hold. While a hold
 * covers a partition, the expiry of each of its items (records, subject-index entries, and the
 * listing entry of its interaction) moves
 * to `heldExpiresAt`, out of TTL's reach and out of the `byExpiry` index; release moves it back,
 * into the bucket where the next sweep finds it (today's, when it has passed). The content
 * objects of held records are tagged out of the content bucket's lifecycle backstop the same way
 * (functions/domain/retention/content-backstop.ts).
 */
export const HELD_EXPIRY = 'heldExpiresAt';

/**
 * The writes of new items for a partition a hold keeps (a held interaction's next message, a
 * held subject's next conversation): each item is written with its expiry as `heldExpiresAt`,
 * out of TTL's reach and out of the `byExpiry` index from the start, as `protectItem` would move it.
 */
export function heldWrites(operations: readonly WriteOperation[], held: boolean): WriteOperation[] {
  if (!held) return [...operations];
  return operations.map((op) => {
    if (op.kind !== 'put' || typeof op.item.expiresAt !== 'number') return op;
    const { expiresAt, expiryBucket: _bucket, ...rest } = op.item;
    return { ...op, item: { ...rest, [HELD_EXPIRY]: expiresAt } };
  });
}

/** Whether a partition's root item is kept by a hold now (its expiry moved to `heldExpiresAt`). */
export const isHeldItem = (item: StoredItem | undefined): boolean => typeof item?.[HELD_EXPIRY] === 'number';
