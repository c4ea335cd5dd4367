import { validationFailed } from '../../domain/errors';

/**
 * Opaque, resumable cursors: DynamoDB's LastEvaluatedKey as base64url JSON. Keys hold only ids
 * and hashes, never personal data, so a cursor may be handed to a caller (`nextToken`) or kept
 * in a checkpoint.
 */
export function encodeCursor(lastEvaluatedKey: Record<string, unknown> | undefined): string | undefined {
  return lastEvaluatedKey ? Buffer.from(JSON.stringify(lastEvaluatedKey), 'utf8').toString('base64url') : undefined;
}

/**
 * The start key a cursor stands for. `partition` names the attribute and value the query is
 * bound to: a cursor from another partition (another tenant's) is refused, never followed.
 */
export function decodeCursor(cursor: string | undefined, partition: [attribute: string, value: string]): Record<string, unknown> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const [attribute, value] = partition;
  if (!key || typeof key !== 'object' || Array.isArray(key) || (key as Record<string, unknown>)[attribute] !== value)
    throw validationFailed([{ path: 'nextToken', message: 'is not a token this query handed out' }]);
  return key as Record<string, unknown>;
}
