import type { DataClass } from '../../domain/data-class';
import type { DekCache } from '../../domain/crypto/dek-cache';
import { open, seal, sealingAad } from '../../domain/crypto/envelope';
import type { Clock } from '../../ports/clock';
import type { KeyVault } from '../../ports/key-vault';
import type { RegionalStores } from '../../ports/regional-stores';

/** Where a sealed payload belongs: its region, and the tenant, class and partition bound into it. */
export interface SealingScope {
  region: string;
  tenantId: string;
  dataClass: DataClass;
  /** The partition's id (interaction, event or consent id), which is also its data key's id. */
  partitionId: string;
}

/** The partition has no data key: it was destroyed (erasure), so what it sealed can never be read again. */
export class DataKeyGone extends Error {
  constructor(
    readonly tenantId: string,
    readonly dekId: string,
  ) {
    super(
      `partition ${dekId} has no data key (destroyed by an erasure, or never made): its sealed data cannot be read`,
    );
    this.name = 'DataKeyGone';
  }
}

/**
 * Personal data at rest, sealed under one data key per partition (DESIGN §3). A key is generated
 * by the region's KMS data key with encryption context {tenant, dekId}, kept only wrapped in the
 * region's keys table, and cached unwrapped for a short while. `shred` destroys it, which makes
 * every copy of what it sealed unreadable, wherever that copy is.
 */
export class PersonalDataVault {
  constructor(private readonly deps: { keyVault: KeyVault; stores: RegionalStores; cache: DekCache; clock: Clock }) {}

  async seal(scope: SealingScope, plaintext: Uint8Array | string): Promise<string> {
    const dek = await this.dataKey(scope, true);
    return seal(dek, plaintext, aadOf(scope));
  }

  sealJson(scope: SealingScope, value: unknown): Promise<string> {
    return this.seal(scope, JSON.stringify(value));
  }

  /** Throws DataKeyGone when the key is gone, SealedDataRejected when the value was altered or moved. */
  async open(scope: SealingScope, sealed: string): Promise<Buffer> {
    const dek = await this.dataKey(scope, false);
    return open(dek, sealed, aadOf(scope));
  }

  async openJson<T = unknown>(scope: SealingScope, sealed: string): Promise<T> {
    return JSON.parse((await this.open(scope, sealed)).toString('utf8')) as T;
  }

  /** Destroys the partition's data key (crypto-shredding). Shredding twice is harmless. */
  async shred(region: string, tenantId: string, dekId: string): Promise<void> {
    await this.deps.stores.storesFor(region).keys.destroy(tenantId, dekId);
    this.deps.cache.evict(cacheId(region, tenantId, dekId));
  }

  private async dataKey(scope: SealingScope, createIfMissing: boolean): Promise<Uint8Array> {
    const { region, tenantId, partitionId: dekId } = scope;
    const id = cacheId(region, tenantId, dekId);
    const cached = this.deps.cache.get(id);
    if (cached) return cached;
    const keys = this.deps.stores.storesFor(region).keys;
    const context = { tenant: tenantId, dekId };
    let stored = await keys.get(tenantId, dekId);
    let dek: Uint8Array | undefined;
    if (!stored) {
      if (!createIfMissing) throw new DataKeyGone(tenantId, dekId);
      const generated = await this.deps.keyVault.generateDataKey(region, 'data', context);
      stored = await keys.putIfAbsent({
        tenantId,
        dekId,
        wrapped: generated.wrapped,
        createdAt: this.deps.clock.now().toISOString(),
      });
      // Ours went in unless another writer created the partition's key first; then theirs is the key.
      if (Buffer.from(stored.wrapped).equals(Buffer.from(generated.wrapped))) dek = generated.plaintext;
    }
    dek ??= await this.deps.keyVault.decrypt(region, 'data', stored.wrapped, context);
    this.deps.cache.set(id, dek);
    return dek;
  }
}

const aadOf = (s: SealingScope) => sealingAad(s.tenantId, s.dataClass, s.partitionId);
const cacheId = (region: string, tenantId: string, dekId: string) => `${region}|${tenantId}|${dekId}`;
