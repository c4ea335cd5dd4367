import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { TenantPolicy } from '../../domain/policy/schema';
import type { ItemCondition } from '../../ports/item-condition';
import type { Page } from '../../ports/page';
import type { ItemChanges } from '../../ports/record-store';
import type {
  ApiKeyRecord,
  PolicyRevision,
  TenantDirectory,
  TenantItem,
  TenantProfile,
} from '../../ports/tenant-directory';
import { decodeCursor, encodeCursor, prefixShape, TABLE_KEYS } from './cursor';
import {
  apiKeyItem,
  apiKeyPk,
  apiKeysOf,
  assertTenantItemKey,
  GSI1,
  type Item,
  listedPk,
  policyItem,
  profileItem,
  storedTenantChanges,
  storedTenantItem,
  strip,
  TENANTS,
  tenantOfPk,
  tenantPk,
} from './directory-items';
import { conditionFields, updateFields } from './expressions';
import { conditional } from './write-conflict';

const ON_FAILURE = { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } as const;
/** DynamoDB's limit of keys per BatchGetItem. */
const BATCH_GET_KEYS = 100;

/** The home region's directory table through the DynamoDB document client. */
export class DynamoTenantDirectory implements TenantDirectory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async createTenant(profile: TenantProfile, policy: PolicyRevision, apiKey: ApiKeyRecord): Promise<void> {
    const absent = { ConditionExpression: 'attribute_not_exists(pk)' };
    await conditional(`${this.table} tenant ${profile.tenantId}`, () =>
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.table, Item: profileItem(profile), ...absent } },
            { Put: { TableName: this.table, Item: policyItem(policy), ...absent } },
            { Put: { TableName: this.table, Item: apiKeyItem(apiKey), ...absent } },
          ],
        }),
      ),
    );
  }

  async getProfile(tenantId: string): Promise<TenantProfile | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { pk: tenantPk(tenantId), sk: 'PROFILE' } }),
    );
    return out.Item && (strip(out.Item) as unknown as TenantProfile);
  }

  async getProfileWithItem(tenantId: string, sk: string): Promise<{ profile?: TenantProfile; item?: TenantItem }> {
    assertTenantItemKey(sk);
    const pk = tenantPk(tenantId);
    const found = await this.batchGet([
      { pk, sk: 'PROFILE' },
      { pk, sk },
    ]);
    const profile = found.find((i) => i.sk === 'PROFILE');
    const item = found.find((i) => i.sk === sk);
    return {
      ...(profile ? { profile: strip(profile) as unknown as TenantProfile } : {}),
      ...(item ? { item: { ...strip(item), tenantId, sk } as TenantItem } : {}),
    };
  }

  async listTenants(page: { cursor?: string; limit?: number } = {}): Promise<Page<TenantProfile>> {
    const out = await this.queryIndex(TENANTS, page);
    return { items: out.items as unknown as TenantProfile[], cursor: out.cursor };
  }

  async updateProfile(
    tenantId: string,
    changes: Partial<Pick<TenantProfile, 'status' | 'terminatedAt' | 'name'>>,
  ): Promise<TenantProfile> {
    const out = await conditional(`${this.table} profile of ${tenantId}`, () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: tenantPk(tenantId), sk: 'PROFILE' },
          ...updateFields({ set: changes }, { kind: 'present' }),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return strip(out.Attributes ?? {}) as unknown as TenantProfile;
  }

  async savePolicy(revision: PolicyRevision): Promise<void> {
    await conditional(`${this.table} policy revision ${revision.revision} of ${revision.tenantId}`, () =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: policyItem(revision),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async currentPolicy(tenantId: string): Promise<PolicyRevision | undefined> {
    const { items } = await this.listPolicies(tenantId, { limit: 1 });
    return items[0];
  }

  async listPolicies(tenantId: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<PolicyRevision>> {
    const out = await this.queryTenant(tenantId, 'POLICY#', page, true);
    const items = out.items.map(
      ({ sk: _sk, ...revision }) =>
        ({ ...revision, policy: revision.policy as TenantPolicy }) as unknown as PolicyRevision,
    );
    return { items, cursor: out.cursor };
  }

  async addApiKey(key: ApiKeyRecord): Promise<void> {
    await conditional(`${this.table} api key`, () =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: apiKeyItem(key),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      ),
    );
  }

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const out = await this.client.send(
      new GetCommand({ TableName: this.table, Key: { pk: apiKeyPk(keyHash), sk: 'APIKEY' } }),
    );
    return out.Item && (strip(out.Item) as unknown as ApiKeyRecord);
  }

  async listApiKeys(tenantId: string): Promise<ApiKeyRecord[]> {
    const keys: ApiKeyRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.queryIndex(apiKeysOf(tenantId), { cursor });
      keys.push(...(page.items as unknown as ApiKeyRecord[]));
      cursor = page.cursor;
    } while (cursor);
    return keys;
  }

  async deleteApiKey(keyHash: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.table, Key: { pk: apiKeyPk(keyHash), sk: 'APIKEY' } }));
  }

  async putItem(item: TenantItem, condition?: ItemCondition): Promise<void> {
    assertTenantItemKey(item.sk);
    await conditional(`${this.table} ${item.sk} of ${item.tenantId}`, () =>
      this.client.send(
        new PutCommand({
          TableName: this.table,
          Item: storedTenantItem(item),
          ...conditionFields(condition),
          ...(condition ? ON_FAILURE : {}),
        }),
      ),
    );
  }

  async getItem(tenantId: string, sk: string, options: { consistent?: boolean } = {}): Promise<TenantItem | undefined> {
    assertTenantItemKey(sk);
    const out = await this.client.send(
      new GetCommand({
        TableName: this.table,
        Key: { pk: tenantPk(tenantId), sk },
        ConsistentRead: options.consistent,
      }),
    );
    return out.Item && ({ ...strip(out.Item), tenantId, sk } as TenantItem);
  }

  async getItems(tenantId: string, sks: readonly string[]): Promise<TenantItem[]> {
    for (const sk of sks) assertTenantItemKey(sk);
    const keys = [...new Set(sks)].map((sk) => ({ pk: tenantPk(tenantId), sk }));
    const found = await this.batchGet(keys);
    return found.map((i) => ({ ...strip(i), tenantId, sk: i.sk }) as TenantItem);
  }

  async queryItems(
    tenantId: string,
    skPrefix: string,
    page: { cursor?: string; limit?: number; newestFirst?: boolean } = {},
  ): Promise<Page<TenantItem>> {
    assertTenantItemKey(skPrefix);
    return this.queryTenant(tenantId, skPrefix, page, page.newestFirst ?? false) as Promise<Page<TenantItem>>;
  }

  async updateItem(tenantId: string, sk: string, changes: ItemChanges, condition?: ItemCondition): Promise<TenantItem> {
    assertTenantItemKey(sk);
    const out = await conditional(`${this.table} ${sk} of ${tenantId}`, () =>
      this.client.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: tenantPk(tenantId), sk },
          ...updateFields(storedTenantChanges(tenantId, sk, changes), condition),
          ...(condition ? ON_FAILURE : {}),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return { ...strip(out.Attributes ?? {}), tenantId, sk } as TenantItem;
  }

  async deleteItem(tenantId: string, sk: string, condition?: ItemCondition): Promise<void> {
    assertTenantItemKey(sk);
    await conditional(`${this.table} ${sk} of ${tenantId}`, () =>
      this.client.send(
        new DeleteCommand({
          TableName: this.table,
          Key: { pk: tenantPk(tenantId), sk },
          ...conditionFields(condition),
          ...(condition ? ON_FAILURE : {}),
        }),
      ),
    );
  }

  async listListed(listing: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<TenantItem>> {
    return this.queryIndex(listedPk(listing), page, (i) => ({
      ...strip(i),
      tenantId: tenantOfPk(String(i.pk)),
      sk: String(i.sk),
    }));
  }

  /** The items of `keys` that exist, strongly consistent: one request per 100 keys. */
  private async batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>): Promise<Item[]> {
    const found: Item[] = [];
    for (let start = 0; start < keys.length; start += BATCH_GET_KEYS) {
      let pending: Array<Record<string, unknown>> = keys.slice(start, start + BATCH_GET_KEYS);
      // DynamoDB may leave keys unprocessed under load: ask again for those (the SDK retries throttling itself).
      while (pending.length) {
        const out = await this.client.send(
          new BatchGetCommand({ RequestItems: { [this.table]: { Keys: pending, ConsistentRead: true } } }),
        );
        found.push(...((out.Responses?.[this.table] ?? []) as Item[]));
        pending = out.UnprocessedKeys?.[this.table]?.Keys ?? [];
      }
    }
    return found;
  }

  /** Items of the tenant's partition whose sort key starts with `prefix`, keys stripped, `sk` kept. */
  private async queryTenant(
    tenantId: string,
    prefix: string,
    page: { cursor?: string; limit?: number },
    newestFirst: boolean,
  ): Promise<Page<Item>> {
    const pk = tenantPk(tenantId);
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
        ScanIndexForward: !newestFirst,
        // Strongly consistent: a staff delete that has recorded its intent must see a hold placed just before (hold-guard.ts).
        ConsistentRead: true,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, prefixShape(pk, prefix)),
      }),
    );
    const items = (out.Items ?? []).map((i) => ({ ...strip(i), tenantId, sk: i.sk }));
    return { items, cursor: encodeCursor(out.LastEvaluatedKey) };
  }

  private async queryIndex<T = Item>(
    gsi1pk: string,
    page: { cursor?: string; limit?: number },
    shape: (item: Item) => T = strip as (item: Item) => T,
  ): Promise<Page<T>> {
    const out = await this.client.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: GSI1,
        KeyConditionExpression: '#g = :g',
        ExpressionAttributeNames: { '#g': 'gsi1pk' },
        ExpressionAttributeValues: { ':g': gsi1pk },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          keys: { ...TABLE_KEYS, gsi1pk: 'S', gsi1sk: 'S' },
          partition: ['gsi1pk', gsi1pk],
        }),
      }),
    );
    return { items: (out.Items ?? []).map(shape), cursor: encodeCursor(out.LastEvaluatedKey) };
  }
}
