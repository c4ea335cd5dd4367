import { isDeepStrictEqual } from 'node:util';
import type { ItemCondition } from '../../ports/item-condition';
import type { Page } from '../../ports/page';
import type { ItemChanges } from '../../ports/record-store';
import { encodeCursor } from '../dynamodb/cursor';

/**
 * The item semantics the in-memory twins share with DynamoDB (through the document client as
 * functions/adapters/aws-clients.ts configures it): values are copied in and out, `undefined`
 * attributes are dropped, key attributes never change, and a condition is judged on the item as
 * it stands before the write.
 */
export type Attributes = Record<string, unknown>;

/** A stored copy: what the caller keeps changing afterwards does not reach the store (nor back). */
export function copyOf<T extends object>(item: T): T {
  return copyValue(item) as T;
}

/**
 * A deep copy built in this module's realm, `undefined` attributes dropped: objects read back are
 * plain objects (Object.prototype), as the document client's are. structuredClone would build
 * them in the realm that defines it, which under jest's VM sandbox is not the code's (a check
 * like canonicalJson's `getPrototypeOf(v) === Object.prototype` then fails on the twin only).
 */
function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyValue);
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (value instanceof Set) return new Set([...value].map(copyValue));
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, copyValue(v)]),
  );
}

const isPlainObject = (v: unknown): v is Attributes =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Date);

/** The key attributes of a (`pk`, `sk`) table, and one string naming an item by them. */
export const KEY_NAMES = ['pk', 'sk'] as const;
export const idOf = (key: { pk: string; sk: string }): string => `${key.pk}\u0000${key.sk}`;

/** DynamoDB orders string keys by their UTF-8 bytes, not by UTF-16 code units. */
export const compareKeys = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** Whether `condition` holds on `existing` (undefined: no item with that key). */
export function conditionHolds(condition: ItemCondition, existing: Attributes | undefined): boolean {
  switch (condition.kind) {
    case 'absent':
      return existing === undefined;
    case 'absentOrExpired':
      return existing === undefined || (typeof existing.expiresAt === 'number' && existing.expiresAt <= condition.now);
    case 'present':
      return existing !== undefined;
    case 'matches':
      return (
        existing !== undefined &&
        Object.entries(condition.attributes).every(([name, value]) => isDeepStrictEqual(existing[name], value))
      );
  }
}

/**
 * The item after `changes`, as an UpdateItem would leave it: SET replaces, REMOVE drops, ADD adds
 * to a number (a missing one counts as 0). Refuses what DynamoDB refuses: no change at all, a key
 * attribute changed, ADD to something that is not a number.
 */
export function applyChanges(
  key: Attributes,
  existing: Attributes | undefined,
  changes: ItemChanges,
  keyNames: readonly string[],
): Attributes {
  const set = Object.entries(changes.set ?? {}).filter(([, v]) => v !== undefined);
  const add = Object.entries(changes.add ?? {});
  const remove = changes.remove ?? [];
  if (!set.length && !add.length && !remove.length)
    throw new RangeError('an update must set, add or remove at least one attribute');
  const touched = [...set.map(([n]) => n), ...add.map(([n]) => n), ...remove];
  const keyTouched = touched.find((n) => keyNames.includes(n));
  if (keyTouched) throw new RangeError(`an update cannot change the key attribute ${keyTouched}`);
  const next: Attributes = { ...(existing ?? key) };
  for (const [name, value] of set) next[name] = copyValue(value);
  for (const [name, by] of add) {
    const current = next[name] ?? 0;
    if (typeof current !== 'number') throw new TypeError(`ADD needs a number in ${name}`);
    next[name] = current + by;
  }
  for (const name of remove) delete next[name];
  return copyOf(next);
}

/** One page: at most `limit` items and, when the page is full, the cursor of its last item (as DynamoDB's Limit). */
export function pageOf<T, R>(
  items: readonly T[],
  limit: number | undefined,
  lastKey: (item: T) => Record<string, unknown>,
  out: (item: T) => R,
): Page<R> {
  const page = limit === undefined ? items : items.slice(0, limit);
  const full = limit !== undefined && page.length === limit;
  return { items: page.map(out), cursor: full ? encodeCursor(lastKey(page[page.length - 1])) : undefined };
}
