import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { Page } from '../../ports/page';
import type { ItemCondition } from '../../ports/item-condition';
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
import { batchDelete, deletePartition } from './partition-delete';
import { decodeCursor, encodeCursor, prefixShape, TABLE_KEYS } from './cursor';
import { checkFields, conditionFields, updateFields } from './expressions';
import { conditional } from './write-conflict';
import { scanTenant } from './tenant-scan';
import type { ScannedItem } from '../../ports/tenant-scan';

/** Index names of the records table (docs/storage-layout.md). */
const BY_EXPIRY = 'byExpiry';
const BY_SUBJECT = 'bySubject';
const ON_FAILURE = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const keyOf = (item: { pk?: unknown; sk?: unknown }): ItemKey => ({ pk: item.pk as string, sk: item.sk as string });

/** The records table of one region, through the DynamoDB document client. */
export class DynamoRecordStore implements RecordStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    readonly region: string,
  ) {}

  async transactWrite(operations: readonly WriteOperation[]): Promise<void> {
    if (operations.length === 0) return;
    if (operations.length > MAX_TRANSACTION_OPERATIONS)
      throw new RangeError(
        `a transaction takes at most ${MAX_TRANSACTION_OPERATIONS} operations, not ${operations.length}`,
      );
    const TransactItems = operations.map((op) => this.transactItem(op));
    await conditional(`${this.table} transaction`, () => this.client.send(new TransactWriteCommand({ TransactItems })));
  }

  async put(item: StoredItem, condition?: ItemCondition): Promise<void> {
    await conditional(`${this.table} put`, () =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: item,
          ...conditionFields(condition),
          ...(condition ? ON_FAILURE : {}),
        }),
      ),
    );
  }

  async get(key: ItemKey, options: { consistent?: boolean } = {}): Promise<StoredItem | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: keyOf(key), ConsistentRead: options.consistent }),
    );
    return out.Item as StoredItem | undefined;
  }

  async queryPartition(
    pk: string,
    options: PageRequest & { skPrefix?: string; descending?: boolean; consistent?: boolean } = {},
  ): Promise<Page<StoredItem>> {
    const prefix = options.skPrefix !== undefined && options.skPrefix !== '';
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: prefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: prefix ? { '#pk': 'pk', '#sk': 'sk' } : { '#pk': 'pk' },
        ExpressionAttributeValues: prefix ? { ':pk': pk, ':prefix': options.skPrefix } : { ':pk': pk },
        ScanIndexForward: !options.descending,
        ConsistentRead: options.consistent,
        Limit: options.limit,
        ExclusiveStartKey: decodeCursor(options.cursor, prefixShape(pk, options.skPrefix)),
      }),
    );
    return { items: (out.Items ?? []) as StoredItem[], cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async update(key: ItemKey, changes: ItemChanges, condition?: ItemCondition): Promise<StoredItem> {
    const out = await conditional(`${this.table} update`, () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keyOf(key),
          ...updateFields(changes, condition),
          ...(condition ? ON_FAILURE : {}),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out.Attributes as StoredItem;
  }

  deleteItems(keys: readonly ItemKey[]): Promise<number> {
    return batchDelete(
      this.client,
      this.table,
      keys.map((k) => keyOf(k)),
    );
  }

  deletePartition(pk: string): Promise<number> {
    return deletePartition(this.client, this.table, pk);
  }

  async queryDue(expiryBucket: string, now: number, page: PageRequest = {}): Promise<Page<DueItem>> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: BY_EXPIRY,
        KeyConditionExpression: '#bucket = :bucket AND #expiresAt <= :now',
        ExpressionAttributeNames: { '#bucket': 'expiryBucket', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':bucket': expiryBucket, ':now': now },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          keys: { ...TABLE_KEYS, expiryBucket: 'S', expiresAt: 'N' },
          partition: ['expiryBucket', expiryBucket],
          sortKey: ['expiresAt', (at) => Number(at) <= now],
        }),
      }),
    );
    const items = (out.Items ?? []).map((i) => ({ ...keyOf(i), expiresAt: i.expiresAt as number }));
    return { items, cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async queryBySubject(subjectKey: string, page: PageRequest = {}): Promise<Page<SubjectHit>> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: BY_SUBJECT,
        KeyConditionExpression: '#subjectKey = :subjectKey',
        ExpressionAttributeNames: { '#subjectKey': 'subjectKey' },
        ExpressionAttributeValues: { ':subjectKey': subjectKey },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          keys: { ...TABLE_KEYS, subjectKey: 'S' },
          partition: ['subjectKey', subjectKey],
        }),
      }),
    );
    const items = (out.Items ?? []).map((i) => ({
      ...keyOf(i),
      kind: i.kind as string,
      class: i.class as SubjectHit['class'],
    }));
    return { items, cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  private transactItem(op: WriteOperation): TransactItem {
    const TableName = this.table;
    const failure = op.condition ? ON_FAILURE : {};
    switch (op.kind) {
      case 'put':
        return { Put: { TableName, Item: op.item, ...conditionFields(op.condition), ...failure } };
      case 'update':
        return { Update: { TableName, Key: keyOf(op.key), ...updateFields(op.changes, op.condition), ...failure } };
      case 'delete':
        return { Delete: { TableName, Key: keyOf(op.key), ...conditionFields(op.condition), ...failure } };
      case 'check':
        return { ConditionCheck: { TableName, Key: keyOf(op.key), ...checkFields(op.condition), ...failure } };
    }
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  scanTenant(tenantId: string): AsyncIterable<ScannedItem> {
    return scanTenant(this.client, this.table, tenantId);
  }
}
