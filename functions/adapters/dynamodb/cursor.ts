import { decodePageToken, encodePageToken } from '../../domain/paging/page-token';

/**
 * Opaque, resumable cursors: DynamoDB's LastEvaluatedKey as base64url JSON. Keys hold only ids
 * and hashes, never personal data, so a cursor may be handed to a caller (`nextToken`) or kept
 * in a checkpoint.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey ? encodePageToken(lastEvaluatedKey) : undefined;
}

/** A key attribute's DynamoDB type: string or number. */
type KeyType = 'S' | 'N';

/**
 * What a start key of one query must look like, exactly as DynamoDB would take it: the key
 * attributes of the table (and of the index queried) and nothing else, each of its type; the
 * partition the query is bound to; and a sort key inside the query's key condition.
 */
export interface CursorShape {
  /** Every key attribute with its type: the table's keys, plus the index's when an index is queried. */
  keys: Readonly<Record<string, KeyType>>;
  /** The attribute the query is bound to and its value: a cursor of another partition (another tenant's) is refused. */
  partition: [attribute: string, value: string];
  /** The query's sort-key condition, when it has one. */
  sortKey?: [attribute: string, within: (value: string | number) => boolean];
}

export const TABLE_KEYS = { pk: 'S', sk: 'S' } as const;

/** A start key of a `begins_with(sk, prefix)` query on the table. */
export const prefixShape = (pk: string, prefix: string | undefined): CursorShape => ({
  keys: TABLE_KEYS,
  partition: ['pk', pk],
  ...(prefix ? { sortKey: ['sk', (sk) => String(sk).startsWith(prefix)] } : {}),
});

/** DynamoDB's key size limits (partition 2048 bytes, sort 1024): longer is never a key it handed out. */
const MAX_KEY_BYTES = 2048;

const validValue = (type: KeyType, value: unknown): value is string | number =>
  type === 'S'
    ? typeof value === 'string' && value.length > 0 && Buffer.byteLength(value) <= MAX_KEY_BYTES
    : typeof value === 'number' && Number.isFinite(value);

/**
 * The start key a cursor stands for, checked against the query's shape so that DynamoDB never
 * sees one it would refuse: a forged or foreign cursor is a 400 naming `nextToken`, never a 500.
 */
export function decodeCursor(
  cursor: string | undefined,
  shape: CursorShape,
): Record<string, string | number> | undefined {
  return cursor === undefined ? undefined : decodePageToken(cursor, (key) => startKeyOf(key, shape));
}

function startKeyOf(key: unknown, shape: CursorShape): Record<string, string | number> | undefined {
  if (!key || typeof key !== 'object' || Array.isArray(key)) return undefined;
  const entries = Object.entries(key as Record<string, unknown>);
  if (entries.length !== Object.keys(shape.keys).length) return undefined;
  if (!entries.every(([name, value]) => Object.hasOwn(shape.keys, name) && validValue(shape.keys[name], value)))
    return undefined;
  const start = Object.fromEntries(entries) as Record<string, string | number>;
  const [attribute, value] = shape.partition;
  if (start[attribute] !== value) return undefined;
  if (shape.sortKey && !shape.sortKey[1](start[shape.sortKey[0]])) return undefined;
  return start;
}
