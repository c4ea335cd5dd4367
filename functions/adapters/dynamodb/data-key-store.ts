import { DeleteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DataKeyStore, WrappedDataKey } from '../../ports/data-key-store';
import { WriteConflict } from '../../ports/write-conflict';
import { conditional } from './write-conflict';
import { scanTenant } from './tenant-scan';
import type { ScannedItem } from '../../ports/tenant-scan';

const pkOf = (tenantId: string, dekId: string) => `T#${tenantId}#K#${dekId}`;

function fromItem(item: Record<string, unknown>): WrappedDataKey {
  return {
    tenantId: item.tenantId as string,
    dekId: item.dekId as string,
    wrapped: item.wrapped as Uint8Array,
    createdAt: item.createdAt as string,
    ...(item.wrappedBy === 'kek' ? { wrappedBy: 'kek' as const } : {}),
    ...(item.expiresAt !== undefined ? { expiresAt: item.expiresAt as number } : {}),
  };
}

/** The keys table of one region: `pk` = `T#<t>#K#<dekId>`, `wrapped` (binary), `wrappedBy`, `createdAt`, `expiresAt`. */
export class DynamoDataKeyStore implements DataKeyStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    readonly region: string,
  ) {}

  async putIfAbsent(key: WrappedDataKey): Promise<WrappedDataKey> {
    try {
      await conditional(`${this.table} put`, () =>
        this.client.send(
          new PutCommand({
            TableName: this.table,
            Item: { pk: pkOf(key.tenantId, key.dekId), ...key },
            ConditionExpression: 'attribute_not_exists(pk)',
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return key;
    } catch (error) {
      // Someone created the partition's key first: theirs is the one its data is sealed with.
      if (error instanceof WriteConflict && error.existing) return fromItem(error.existing);
      throw error;
    }
  }

  async get(tenantId: string, dekId: string): Promise<WrappedDataKey | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { pk: pkOf(tenantId, dekId) }, ConsistentRead: true }),
    );
    return out.Item && fromItem(out.Item);
  }

  async destroy(tenantId: string, dekId: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { pk: pkOf(tenantId, dekId) } }));
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  scanTenant(tenantId: string): AsyncIterable<ScannedItem> {
    return scanTenant(this.client, this.table, tenantId);
  }
}
