import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ScannedItem } from '../../ports/tenant-scan';

/** Every item of `table` whose `pk` starts with the tenant's prefix, a page at a time (see ports/tenant-scan.ts). */
export async function* scanTenant(
  client: DynamoDBDocumentClient,
  table: string,
  tenantId: string,
): AsyncGenerator<ScannedItem> {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: 'begins_with(#pk, :prefix)',
        ProjectionExpression: '#pk, #sk, #class, #expiresAt, #dekId',
        ExpressionAttributeNames: {
          '#pk': 'pk',
          '#sk': 'sk',
          '#class': 'class',
          '#expiresAt': 'expiresAt',
          '#dekId': 'dekId',
        },
        ExpressionAttributeValues: { ':prefix': `T#${tenantId}#` },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of out.Items ?? []) yield item as ScannedItem;
    start = out.LastEvaluatedKey;
  } while (start);
}
