import type { ItemCondition } from '../../ports/item-condition';
import type { Page } from '../../ports/page';
import {
  MAX_TRANSACTION_OPERATIONS,
  type DueItem,
  type ItemChanges,
  type ItemKey,
  type PageRequest,
  type RecordStore,
  type StoredItem,
  type SubjectHit,
  type WriteOperation,
} from '../../ports/record-store';
import type { ScannedItem } from '../../ports/tenant-scan';
import { WriteConflict } from '../../ports/write-conflict';
import { decodeCursor, prefixShape, TABLE_KEYS, type CursorShape } from '../dynamodb/cursor';
import { applyChanges, compareKeys, conditionHolds, copyOf, idOf, KEY_NAMES, pageOf } from './stored-values';

const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });

/**
 * The records table of one region held in memory: the twin of DynamoRecordStore for fast tests,
 * passing the same contract (test/support/record-store-contract.ts). It keeps DynamoDB's rules
 * that use cases rely on: conditions judged before the write, transactions all or nothing, items
 * in UTF-8 sort-key order, the sparse `byExpiry` (KEYS_ONLY) and `bySubject` (kind, class) indexes,
 * cursors of the same shape (a foreign one is a 400 naming `nextToken`), and a page that ends at
 * `limit` handing out a cursor even when nothing follows. Like DynamoDB Local it never deletes an
 * item for its `expiresAt`: TTL is a backstop, and reads must hide expired records themselves.
 */
export class InMemoryRecordStore implements RecordStore {
  private items = new Map<string, StoredItem>();

  constructor(readonly region: string) {}

  async transactWrite(operations: readonly WriteOperation[]): Promise<void> {
    if (operations.length === 0) return;
    if (operations.length > MAX_TRANSACTION_OPERATIONS)
      throw new RangeError(
        `a transaction takes at most ${MAX_TRANSACTION_OPERATIONS} operations, not ${operations.length}`,
      );
    const keys = operations.map((op) => (op.kind === 'put' ? keyOf(op.item) : op.key));
    if (new Set(keys.map(idOf)).size !== keys.length)
      throw new RangeError('a transaction cannot include multiple operations on one item');
    operations.forEach((op, index) => {
      if (op.condition) this.check(op.condition, keys[index], 'transaction', index);
    });
    // Staged on a copy and swapped in whole: an update DynamoDB would refuse leaves nothing written.
    const staged = new Map(this.items);
    for (const op of operations) {
      if (op.kind === 'put') staged.set(idOf(op.item), copyOf(op.item));
      else if (op.kind === 'delete') staged.delete(idOf(op.key));
      else if (op.kind === 'update')
        staged.set(idOf(op.key), applyChanges(op.key, staged.get(idOf(op.key)), op.changes, KEY_NAMES) as StoredItem);
    }
    this.items = staged;
  }

  async put(item: StoredItem, condition?: ItemCondition): Promise<void> {
    if (condition) this.check(condition, item, 'put');
    this.items.set(idOf(item), copyOf(item));
  }

  async get(key: ItemKey): Promise<StoredItem | undefined> {
    const item = this.items.get(idOf(key));
    return item && copyOf(item);
  }

  async queryPartition(
    pk: string,
    options: PageRequest & { skPrefix?: string; descending?: boolean; consistent?: boolean } = {},
  ): Promise<Page<StoredItem>> {
    const prefix = options.skPrefix ?? '';
    const direction = options.descending ? -1 : 1;
    const matching = [...this.items.values()]
      .filter((i) => i.pk === pk && i.sk.startsWith(prefix))
      .sort((a, b) => direction * compareKeys(a.sk, b.sk));
    const start = decodeCursor(options.cursor, prefixShape(pk, options.skPrefix));
    const after = start ? matching.filter((i) => direction * compareKeys(i.sk, String(start.sk)) > 0) : matching;
    return pageOf(after, options.limit, (i) => keyOf(i), copyOf);
  }

  async update(key: ItemKey, changes: ItemChanges, condition?: ItemCondition): Promise<StoredItem> {
    if (condition) this.check(condition, key, 'update');
    const next = applyChanges(keyOf(key), this.items.get(idOf(key)), changes, KEY_NAMES) as StoredItem;
    this.items.set(idOf(key), next);
    return copyOf(next);
  }

  async deleteItems(keys: readonly ItemKey[]): Promise<number> {
    for (const key of keys) this.items.delete(idOf(key));
    return keys.length;
  }

  async deletePartition(pk: string): Promise<number> {
    const partition = [...this.items.values()].filter((i) => i.pk === pk);
    for (const item of partition) this.items.delete(idOf(item));
    return partition.length;
  }

  async queryDue(expiryBucket: string, now: number, page: PageRequest = {}): Promise<Page<DueItem>> {
    const byExpiry = (a: DueItem, b: DueItem) => a.expiresAt - b.expiresAt || byTableKey(a, b);
    const due = [...this.items.values()]
      .filter((i) => i.expiryBucket === expiryBucket && typeof i.expiresAt === 'number' && i.expiresAt <= now)
      .map((i) => ({ ...keyOf(i), expiresAt: i.expiresAt as number }))
      .sort(byExpiry);
    const shape: CursorShape = {
      keys: { ...TABLE_KEYS, expiryBucket: 'S', expiresAt: 'N' },
      partition: ['expiryBucket', expiryBucket],
      sortKey: ['expiresAt', (at) => Number(at) <= now],
    };
    const start = decodeCursor(page.cursor, shape);
    const startItem = start && { pk: String(start.pk), sk: String(start.sk), expiresAt: Number(start.expiresAt) };
    const after = startItem ? due.filter((i) => byExpiry(i, startItem) > 0) : due;
    return pageOf(
      after,
      page.limit,
      (i) => ({ ...keyOf(i), expiryBucket, expiresAt: i.expiresAt }),
      (i) => i,
    );
  }

  async queryBySubject(subjectKey: string, page: PageRequest = {}): Promise<Page<SubjectHit>> {
    const hits = [...this.items.values()]
      .filter((i) => i.subjectKey === subjectKey)
      .map((i) => ({ ...keyOf(i), kind: i.kind as string, class: i.class as SubjectHit['class'] }))
      .sort(byTableKey);
    const start = decodeCursor(page.cursor, {
      keys: { ...TABLE_KEYS, subjectKey: 'S' },
      partition: ['subjectKey', subjectKey],
    });
    const startKey = start && { pk: String(start.pk), sk: String(start.sk) };
    const after = startKey ? hits.filter((i) => byTableKey(i, startKey) > 0) : hits;
    return pageOf(
      after,
      page.limit,
      (i) => ({ ...keyOf(i), subjectKey }),
      (i) => i,
    );
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  async *scanTenant(tenantId: string): AsyncGenerator<ScannedItem> {
    const prefix = `T#${tenantId}#`;
    for (const item of [...this.items.values()].filter((i) => i.pk.startsWith(prefix))) {
      const { pk, sk, class: dataClass, expiresAt, dekId } = item;
      yield copyOf({ pk, sk, class: dataClass, expiresAt, dekId }) as ScannedItem;
    }
  }

  /** Every item as a Scan of the table reads it, not copied (read only): for tests that check raw storage, never for Lethe. */
  rawItems(): ReadonlyArray<Readonly<StoredItem>> {
    return [...this.items.values()];
  }

  /** Throws WriteConflict (with the item in the way, as DynamoDB's ALL_OLD) when `condition` fails. */
  private check(condition: ItemCondition, key: ItemKey, what: string, index?: number): void {
    const existing = this.items.get(idOf(key));
    if (conditionHolds(condition, existing)) return;
    const which = index === undefined ? '' : ` of operation ${index}`;
    throw new WriteConflict(`records ${what}: the condition${which} did not hold`, index, existing && copyOf(existing));
  }
}

/** Index entries with the same index key come in table-key order. */
const byTableKey = (a: ItemKey, b: ItemKey) => compareKeys(a.pk, b.pk) || compareKeys(a.sk, b.sk);
