import type { DataClass } from '../domain/data-class';
import type { ItemCondition } from './item-condition';
import type { Page } from './page';
import type { TenantScan } from './tenant-scan';

/** Primary key of an item of a records table (docs/storage-layout.md). */
export type ItemKey = { pk: string; sk: string };

/**
 * An item as plain data: its key plus attributes (strings, numbers, booleans, Uint8Array, arrays
 * and nested objects). Personal data travels only inside `sealed`.
 */
export type StoredItem = ItemKey & Record<string, unknown>;

/** Changes to one item: attributes to set, to remove, and numbers to add to. */
export interface ItemChanges {
  set?: Record<string, unknown>;
  remove?: string[];
  add?: Record<string, number>;
}

/** One step of an all-or-nothing write. */
export type WriteOperation =
  | { kind: 'put'; item: StoredItem; condition?: ItemCondition }
  | { kind: 'update'; key: ItemKey; changes: ItemChanges; condition?: ItemCondition }
  | { kind: 'delete'; key: ItemKey; condition?: ItemCondition }
  /** Writes nothing; the whole write fails unless the condition holds on this item. */
  | { kind: 'check'; key: ItemKey; condition: ItemCondition };

/** A `byExpiry` hit: the record's key and when it expires (epoch seconds). */
export interface DueItem extends ItemKey {
  expiresAt: number;
}

/** A `bySubject` hit: a subject-index entry (its `sk` is `SUBJ#<kind>#<hmacHex>`) and its record's class. */
export interface SubjectHit extends ItemKey {
  kind: string;
  class: DataClass;
}

export interface PageRequest {
  cursor?: string;
  limit?: number;
}

/** The most operations one `transactWrite` takes (DynamoDB's transaction limit). */
export const MAX_TRANSACTION_OPERATIONS = 100;

/**
 * The records table of ONE region: interactions, messages, surveys, recording pointers, events,
 * consents, audit entries and the subject-index entries that sit in their partitions. Get the
 * store of a region from RegionalStores; every key starts with the tenant.
 */
export interface RecordStore extends TenantScan {
  readonly region: string;
  /** All or nothing: a record and its index entries in one go. A failed condition throws WriteConflict and writes nothing. */
  transactWrite(operations: readonly WriteOperation[]): Promise<void>;
  /** Writes one item; a failed condition throws WriteConflict. */
  put(item: StoredItem, condition?: ItemCondition): Promise<void>;
  get(key: ItemKey, options?: { consistent?: boolean }): Promise<StoredItem | undefined>;
  /** Items of partition `pk` in sort-key order, optionally only those whose `sk` starts with `skPrefix`. */
  queryPartition(
    pk: string,
    options?: PageRequest & { skPrefix?: string; descending?: boolean; consistent?: boolean },
  ): Promise<Page<StoredItem>>;
  /** Applies `changes` to one item and returns it as it is afterwards; a failed condition throws WriteConflict. */
  update(key: ItemKey, changes: ItemChanges, condition?: ItemCondition): Promise<StoredItem>;
  /** Deletes these items in batches (not atomic: safe to repeat). Returns how many keys were sent. */
  deleteItems(keys: readonly ItemKey[]): Promise<number>;
  /** Deletes every item of partition `pk`, index entries included, page by page. Returns how many were deleted. */
  deletePartition(pk: string): Promise<number>;
  /** Items of one `byExpiry` bucket with `expiresAt <= now` (epoch seconds), oldest first. */
  queryDue(expiryBucket: string, now: number, page?: PageRequest): Promise<Page<DueItem>>;
  /** Index entries of one subject key (`T#<t>#<hmacHex>`), by partition. */
  queryBySubject(subjectKey: string, page?: PageRequest): Promise<Page<SubjectHit>>;
}
