import { QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  MAX_COUNTERS_PER_ADD,
  type AggregateStore,
  type CounterAdd,
  type CounterValue,
} from '../../ports/aggregate-store';
import type { Page } from '../../ports/page';
import { deletePartition } from './partition-delete';
import { decodeCursor, encodeCursor, TABLE_KEYS } from './cursor';
import { scanTenant } from './tenant-scan';
import type { ScannedItem } from '../../ports/tenant-scan';

/** The aggregates table of one region: `pk` `T#<t>#M#<YYYY-MM>`, `sk` the counter, `value` (N), `expiresAt`. */
export class DynamoAggregateStore implements AggregateStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
    readonly region: string,
  ) {}

  async add(counters: readonly CounterAdd[]): Promise<void> {
    if (counters.length === 0) return;
    if (counters.length > MAX_COUNTERS_PER_ADD)
      throw new RangeError(`one add takes at most ${MAX_COUNTERS_PER_ADD} counters, not ${counters.length}`);
    const TransactItems = counters.map((c) => ({
      Update: {
        TableName: this.table,
        Key: { pk: c.pk, sk: c.sk },
        UpdateExpression: 'ADD #value :by SET #expiresAt = :expiresAt',
        ExpressionAttributeNames: { '#value': 'value', '#expiresAt': 'expiresAt' },
        ExpressionAttributeValues: { ':by': c.by, ':expiresAt': c.expiresAt },
      },
    }));
    await this.client.send(new TransactWriteCommand({ TransactItems }));
  }

  async queryRange(
    pk: string,
    fromSk: string,
    throughSk: string,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<Page<CounterValue>> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :through',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        // U+FFFF sorts after every character a key holds, so every key starting with throughSk is in.
        ExpressionAttributeValues: { ':pk': pk, ':from': fromSk, ':through': `${throughSk}\uffff` },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          keys: TABLE_KEYS,
          partition: ['pk', pk],
          sortKey: ['sk', (sk) => String(sk) >= fromSk && String(sk) <= `${throughSk}\uffff`],
        }),
      }),
    );
    const items = (out.Items ?? []).map((i) => ({
      pk: i.pk as string,
      sk: i.sk as string,
      value: i.value as number,
      ...(typeof i.expiresAt === 'number' ? { expiresAt: i.expiresAt } : {}),
    }));
    return { items, cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  deletePartition(pk: string): Promise<number> {
    return deletePartition(this.client, this.table, pk);
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  scanTenant(tenantId: string): AsyncIterable<ScannedItem> {
    return scanTenant(this.client, this.table, tenantId);
  }
}
