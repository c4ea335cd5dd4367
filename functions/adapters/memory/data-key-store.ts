import type { DataKeyStore, WrappedDataKey } from '../../ports/data-key-store';
import type { ScannedItem } from '../../ports/tenant-scan';
import { copyOf } from './stored-values';

/** The keys table of one region held in memory: the twin of DynamoDataKeyStore (`T#<t>#K#<dekId>`). */
export class InMemoryDataKeyStore implements DataKeyStore {
  private readonly keys = new Map<string, WrappedDataKey>();

  constructor(readonly region: string) {}

  async putIfAbsent(key: WrappedDataKey): Promise<WrappedDataKey> {
    const pk = pkOf(key.tenantId, key.dekId);
    const existing = this.keys.get(pk);
    // Someone created the partition's key first: theirs is the one its data is sealed with.
    if (existing) return copyOf(existing);
    this.keys.set(pk, copyOf(key));
    return key;
  }

  async get(tenantId: string, dekId: string): Promise<WrappedDataKey | undefined> {
    const key = this.keys.get(pkOf(tenantId, dekId));
    return key && copyOf(key);
  }

  async destroy(tenantId: string, dekId: string): Promise<void> {
    this.keys.delete(pkOf(tenantId, dekId));
  }

  /** Every item as a Scan of the table reads it (`pk` and the wrapped key), read only: for tests that check raw storage. */
  rawItems(): ReadonlyArray<Readonly<Record<string, unknown>>> {
    return [...this.keys].map(([pk, key]) => ({ pk, ...key }));
  }

  /** Only the offboarding purge scans (ports/tenant-scan.ts). */
  async *scanTenant(tenantId: string): AsyncGenerator<ScannedItem> {
    for (const [pk, key] of this.keys)
      if (key.tenantId === tenantId)
        yield { pk, dekId: key.dekId, ...(key.expiresAt !== undefined ? { expiresAt: key.expiresAt } : {}) };
  }
}

const pkOf = (tenantId: string, dekId: string) => `T#${tenantId}#K#${dekId}`;
