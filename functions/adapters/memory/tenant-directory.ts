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
import { WriteConflict } from '../../ports/write-conflict';
import { decodeCursor, prefixShape, TABLE_KEYS } from '../dynamodb/cursor';
import {
  apiKeyItem,
  apiKeyPk,
  apiKeysOf,
  assertTenantItemKey,
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
} from '../dynamodb/directory-items';
import { applyChanges, compareKeys, conditionHolds, copyOf, idOf, KEY_NAMES, pageOf } from './stored-values';

type Key = { pk: string; sk: string };

/**
 * The home region's directory table held in memory: the twin of DynamoTenantDirectory for fast
 * use-case tests. It stores the same items under the same keys (dynamodb/directory-items.ts), so
 * the `gsi1` listings (tenants, API keys, LISTED_UNDER) behave as the table's sparse index does,
 * and answers conditions and cursors as the DynamoDB adapter does.
 */
export class InMemoryTenantDirectory implements TenantDirectory {
  private readonly items = new Map<string, Item & Key>();

  async createTenant(profile: TenantProfile, policy: PolicyRevision, apiKey: ApiKeyRecord): Promise<void> {
    const items = [profileItem(profile), policyItem(policy), apiKeyItem(apiKey)];
    items.forEach((item, index) => {
      this.check({ kind: 'absent' }, item, `tenant ${profile.tenantId}`, index);
    });
    for (const item of items) this.write(item);
  }

  async getProfile(tenantId: string): Promise<TenantProfile | undefined> {
    return this.read({ pk: tenantPk(tenantId), sk: 'PROFILE' }) as TenantProfile | undefined;
  }

  async getProfileWithItem(tenantId: string, sk: string): Promise<{ profile?: TenantProfile; item?: TenantItem }> {
    const [profile, item] = [await this.getProfile(tenantId), await this.getItem(tenantId, sk)];
    return { ...(profile ? { profile } : {}), ...(item ? { item } : {}) };
  }

  async listTenants(page: { cursor?: string; limit?: number } = {}): Promise<Page<TenantProfile>> {
    return this.queryIndex(TENANTS, page, strip) as Page<unknown> as Page<TenantProfile>;
  }

  async updateProfile(
    tenantId: string,
    changes: Partial<Pick<TenantProfile, 'status' | 'terminatedAt' | 'name'>>,
  ): Promise<TenantProfile> {
    return strip(
      this.change({ pk: tenantPk(tenantId), sk: 'PROFILE' }, { set: changes }, { kind: 'present' }),
    ) as unknown as TenantProfile;
  }

  async savePolicy(revision: PolicyRevision): Promise<void> {
    const item = policyItem(revision);
    this.check({ kind: 'absent' }, item, `policy revision ${revision.revision} of ${revision.tenantId}`);
    this.write(item);
  }

  async currentPolicy(tenantId: string): Promise<PolicyRevision | undefined> {
    return (await this.listPolicies(tenantId, { limit: 1 })).items[0];
  }

  async listPolicies(tenantId: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<PolicyRevision>> {
    const out = this.queryTenant(tenantId, 'POLICY#', page, true);
    return {
      items: out.items.map(({ sk: _sk, ...revision }) => revision as unknown as PolicyRevision),
      cursor: out.cursor,
    };
  }

  async addApiKey(key: ApiKeyRecord): Promise<void> {
    const item = apiKeyItem(key);
    this.check({ kind: 'absent' }, item, 'api key');
    this.write(item);
  }

  async apiKeyByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    return this.read({ pk: apiKeyPk(keyHash), sk: 'APIKEY' }) as ApiKeyRecord | undefined;
  }

  async listApiKeys(tenantId: string): Promise<ApiKeyRecord[]> {
    return this.queryIndex(apiKeysOf(tenantId), {}, strip).items as unknown as ApiKeyRecord[];
  }

  async deleteApiKey(keyHash: string): Promise<void> {
    this.items.delete(idOf({ pk: apiKeyPk(keyHash), sk: 'APIKEY' }));
  }

  async putItem(item: TenantItem, condition?: ItemCondition): Promise<void> {
    assertTenantItemKey(item.sk);
    const stored = storedTenantItem(item);
    if (condition) this.check(condition, stored, `${item.sk} of ${item.tenantId}`);
    this.write(stored);
  }

  async getItem(tenantId: string, sk: string): Promise<TenantItem | undefined> {
    assertTenantItemKey(sk);
    const item = this.read({ pk: tenantPk(tenantId), sk });
    return item && ({ ...item, tenantId, sk } as TenantItem);
  }

  async getItems(tenantId: string, sks: readonly string[]): Promise<TenantItem[]> {
    const found = await Promise.all([...new Set(sks)].map((sk) => this.getItem(tenantId, sk)));
    return found.filter((item): item is TenantItem => item !== undefined);
  }

  async queryItems(
    tenantId: string,
    skPrefix: string,
    page: { cursor?: string; limit?: number; newestFirst?: boolean } = {},
  ): Promise<Page<TenantItem>> {
    assertTenantItemKey(skPrefix);
    return this.queryTenant(tenantId, skPrefix, page, page.newestFirst ?? false) as Page<TenantItem>;
  }

  async updateItem(tenantId: string, sk: string, changes: ItemChanges, condition?: ItemCondition): Promise<TenantItem> {
    assertTenantItemKey(sk);
    const after = this.change({ pk: tenantPk(tenantId), sk }, storedTenantChanges(tenantId, sk, changes), condition);
    return { ...strip(after), tenantId, sk } as TenantItem;
  }

  async deleteItem(tenantId: string, sk: string, condition?: ItemCondition): Promise<void> {
    assertTenantItemKey(sk);
    const key = { pk: tenantPk(tenantId), sk };
    if (condition) this.check(condition, key, `${sk} of ${tenantId}`);
    this.items.delete(idOf(key));
  }

  async listListed(listing: string, page: { cursor?: string; limit?: number } = {}): Promise<Page<TenantItem>> {
    return this.queryIndex(listedPk(listing), page, (i) => ({
      ...strip(i),
      tenantId: tenantOfPk(String(i.pk)),
      sk: String(i.sk),
    })) as Page<TenantItem>;
  }

  /** Every item as a Scan of the table reads it, not copied (read only): for tests that check raw storage, never for Lethe. */
  rawItems(): ReadonlyArray<Readonly<Item & Key>> {
    return [...this.items.values()];
  }

  private read(key: Key): Item | undefined {
    const item = this.items.get(idOf(key));
    return item && strip(copyOf(item));
  }

  private write(item: Item & Key): void {
    this.items.set(idOf(item), copyOf(item));
  }

  private change(key: Key, changes: ItemChanges, condition?: ItemCondition): Item {
    if (condition) this.check(condition, key, `${key.sk} of ${key.pk}`);
    const after = applyChanges(key, this.items.get(idOf(key)), changes, KEY_NAMES) as Item & Key;
    this.items.set(idOf(key), after);
    return copyOf(after);
  }

  private check(condition: ItemCondition, key: Key, what: string, index?: number): void {
    const existing = this.items.get(idOf(key));
    if (conditionHolds(condition, existing)) return;
    throw new WriteConflict(`directory ${what}: the condition did not hold`, index, existing && copyOf(existing));
  }

  /** Items of the tenant's partition whose sort key starts with `prefix`, keys stripped, `sk` kept. */
  private queryTenant(
    tenantId: string,
    prefix: string,
    page: { cursor?: string; limit?: number },
    newestFirst: boolean,
  ): Page<Item> {
    const pk = tenantPk(tenantId);
    const direction = newestFirst ? -1 : 1;
    const start = decodeCursor(page.cursor, prefixShape(pk, prefix));
    const matching = [...this.items.values()]
      .filter((i) => i.pk === pk && i.sk.startsWith(prefix))
      .filter((i) => !start || direction * compareKeys(i.sk, String(start.sk)) > 0)
      .sort((a, b) => direction * compareKeys(a.sk, b.sk));
    return pageOf(
      matching,
      page.limit,
      (i) => ({ pk: i.pk, sk: i.sk }),
      (i) => ({ ...strip(copyOf(i)), tenantId, sk: i.sk }),
    );
  }

  /** The sparse `gsi1` index: items carrying `gsi1pk`, in `gsi1sk` order. */
  private queryIndex<T>(gsi1pk: string, page: { cursor?: string; limit?: number }, shape: (item: Item) => T): Page<T> {
    const start = decodeCursor(page.cursor, {
      keys: { ...TABLE_KEYS, gsi1pk: 'S', gsi1sk: 'S' },
      partition: ['gsi1pk', gsi1pk],
    });
    const order = (a: Item & Key, b: Item & Key) =>
      compareKeys(String(a.gsi1sk), String(b.gsi1sk)) || compareKeys(a.pk, b.pk) || compareKeys(a.sk, b.sk);
    const startItem =
      start && ({ pk: String(start.pk), sk: String(start.sk), gsi1sk: String(start.gsi1sk) } as Item & Key);
    const matching = [...this.items.values()]
      .filter((i) => i.gsi1pk === gsi1pk)
      .filter((i) => !startItem || order(i, startItem) > 0)
      .sort(order);
    return pageOf(
      matching,
      page.limit,
      (i) => ({ pk: i.pk, sk: i.sk, gsi1pk, gsi1sk: i.gsi1sk }),
      (i) => shape(copyOf(i)),
    );
  }
}
