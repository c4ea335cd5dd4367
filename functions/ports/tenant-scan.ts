/** What a tenant scan reports of one item: its key and the attributes that say what it is. */
export interface ScannedItem {
  pk: string;
  sk?: string;
  class?: string;
  expiresAt?: number;
  dekId?: string;
}

/**
 * Every item of one tenant in one table, found by reading the whole table (DynamoDB Scan) rather
 * than through any index Lethe maintains. Only the offboarding purge uses it, once per terminated
 * tenant: to reach what no index leads to, and to count what is left independently of the
 * listings that did the deleting. Never on a request path.
 */
export interface TenantScan {
  scanTenant(tenantId: string): AsyncIterable<ScannedItem>;
}
