import { BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** BatchWriteItem takes at most 25 requests. */
const BATCH = 25;
const MAX_ATTEMPTS = 8;

type Key = Record<string, unknown>;

/**
 * Deletes `keys` from `table` 25 at a time, retrying what DynamoDB leaves unprocessed with
 * exponential backoff. Deleting a key that is already gone is not an error, so a crash half-way
 * is repaired by running it again.
 */
export async function batchDelete(
  client: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
): Promise<number> {
  for (let i = 0; i < keys.length; i += BATCH) {
    let pending = keys.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === MAX_ATTEMPTS)
        throw new Error(`${table}: ${pending.length} deletes still unprocessed after ${MAX_ATTEMPTS} attempts`);
      if (attempt) await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as typeof pending;
    }
  }
  return keys.length;
}

/**
 * Deletes every item of partition `pk` of a (`pk`, `sk`) table, a page of keys at a time, never
 * holding more than one page in memory. Returns how many items were deleted.
 */
export async function deletePartition(client: DynamoDBDocumentClient, table: string, pk: string): Promise<number> {
  let deleted = 0;
  // Always read the first page again: the previous page's items are gone by then.
  for (;;) {
    const out = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk },
        ProjectionExpression: '#pk, #sk',
        ConsistentRead: true,
      }),
    );
    const keys = out.Items ?? [];
    if (!keys.length) return deleted;
    deleted += await batchDelete(client, table, keys);
  }
}
