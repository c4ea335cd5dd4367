import type { DataClass } from '../../domain/data-class';
import type { DekCache } from '../../domain/crypto/dek-cache';
import { open, seal, sealingAad } from '../../domain/crypto/envelope';
import { newDataKey, unwrapDataKey, wrapDataKey } from '../../domain/crypto/key-wrap';
import { isSharedDataKeyId, keyUsersPartition } from '../../domain/crypto/shared-data-key';
import type { Clock } from '../../ports/clock';
import { KEY_ENCRYPTION_KEY_ID, type WrappedDataKey } from '../../ports/data-key-store';
import type { KeyVault } from '../../ports/key-vault';
import type { RegionalStores } from '../../ports/regional-stores';
import type { KeyEncryptionKeys } from './key-encryption-keys';
import { SingleFlight } from './single-flight';
import { storedKey, type MadeKey } from './stored-key';

/** Where a sealed payload belongs: its region, and the tenant, class and partition bound into it. */
export interface SealingScope {
  region: string;
  tenantId: string;
  dataClass: DataClass;
  /** The partition's id (interaction, event or consent id), bound into what is sealed; also its data key's id unless `dekId` says otherwise. */
  partitionId: string;
  /** A shared data key (domain/crypto/shared-data-key.ts) that seals this partition instead of its own. */
  dekId?: string;
}

/**
 * Why a data key is shredded: a partition stops using it (deleted, erased, nothing sealed left in
 * it), or the tenant's data goes as a whole (offboarding purge). A shared key outlives a partition
 * that lets it go while another partition still uses it.
 */
export type KeyRelease = { partition: string } | 'tenant-purge';

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
 * Personal data at rest, sealed under one data key per partition (DESIGN §3). A key is made
 * locally and kept only wrapped in the region's keys table, under the tenant's key-encryption key
 * of the region (KeyEncryptionKeys: the one KMS-wrapped key, unwrapped once per warm container),
 * and cached unwrapped for a short while. `shred` destroys it, which makes every copy of what it
 * sealed unreadable, wherever that copy is.
 */
export class PersonalDataVault {
  private readonly carries = new SingleFlight<boolean>();
  /** Events of one session arrive together: one of them makes (or reads) their shared key, the others wait for it. */
  private readonly lookups = new SingleFlight<Uint8Array>();

  constructor(
    private readonly deps: {
      keyVault: KeyVault;
      stores: RegionalStores;
      cache: DekCache;
      keyEncryptionKeys: KeyEncryptionKeys;
      clock: Clock;
    },
  ) {}

  async seal(scope: SealingScope, plaintext: Uint8Array | string): Promise<string> {
    const dek = await this.dataKey(scope.region, scope.tenantId, dekIdOf(scope), true);
    return seal(dek, plaintext, aadOf(scope));
  }

  sealJson(scope: SealingScope, value: unknown): Promise<string> {
    return this.seal(scope, JSON.stringify(value));
  }

  /** Throws DataKeyGone when the key is gone, SealedDataRejected when the value was altered or moved. */
  async open(scope: SealingScope, sealed: string): Promise<Buffer> {
    const dek = await this.dataKey(scope.region, scope.tenantId, dekIdOf(scope), false);
    return open(dek, sealed, aadOf(scope));
  }

  async openJson<T = unknown>(scope: SealingScope, sealed: string): Promise<T> {
    return JSON.parse((await this.open(scope, sealed)).toString('utf8')) as T;
  }

  /**
   * Destroys a data key (crypto-shredding); with KEY_ENCRYPTION_KEY_ID, the tenant's key-encryption
   * key of the region, and with it every data key wrapped under it. Shredding twice is harmless.
   * Every path that deletes sealed data shreds through here, so here a shared key is kept while a
   * partition other than the one releasing it still uses it: the release is struck off its users
   * first, so a run cut short and repeated still destroys the key once the last user is gone.
   */
  async shred(region: string, tenantId: string, dekId: string, release: KeyRelease): Promise<void> {
    if (release !== 'tenant-purge' && (await this.stillUsed(region, tenantId, dekId, release.partition))) return;
    await this.deps.stores.storesFor(region).keys.destroy(tenantId, dekId);
    this.deps.cache.evict(cacheId(region, tenantId, dekId));
    if (dekId === KEY_ENCRYPTION_KEY_ID) this.deps.keyEncryptionKeys.evict(region, tenantId);
  }

  /**
   * Gives region `to` the partition's data key of region `from`, re-wrapped under `to`'s
   * key-encryption key, so the values it sealed copy across as they are (a call moved at /end).
   * False when `to` already keeps another key for the partition: values copied there must be re-sealed.
   */
  carryKey(from: string, to: string, tenantId: string, dekId: string): Promise<boolean> {
    return this.carries.run(`${from}|${to}|${tenantId}|${dekId}`, async () => {
      const dek = await this.dataKey(from, tenantId, dekId, false);
      const kept = await storedKey(this.deps.stores.storesFor(to).keys, tenantId, dekId, {
        make: () => this.wrapped(to, tenantId, dekId, dek),
        unwrap: (stored) => this.unwrap(to, stored),
        now: () => this.deps.clock.now(),
      });
      const carried = kept !== undefined && Buffer.from(kept).equals(Buffer.from(dek));
      if (carried) this.deps.cache.set(cacheId(to, tenantId, dekId), dek);
      return carried;
    });
  }

  /** Strikes `partition` off the users of a shared key; true while another partition still uses it. */
  private async stillUsed(region: string, tenantId: string, dekId: string, partition: string): Promise<boolean> {
    if (!isSharedDataKeyId(dekId)) return false;
    const { records } = this.deps.stores.storesFor(region);
    const users = keyUsersPartition(tenantId, dekId);
    await records.deleteItems([{ pk: users, sk: partition }]);
    const left = await records.queryPartition(users, { limit: 1, consistent: true });
    return left.items.length > 0;
  }

  private async dataKey(region: string, tenantId: string, dekId: string, createIfMissing: boolean) {
    const id = cacheId(region, tenantId, dekId);
    const cached = this.deps.cache.get(id);
    if (cached) return cached;
    return this.lookups.run(`${id}|${createIfMissing}`, () =>
      this.storedDataKey(region, tenantId, dekId, createIfMissing),
    );
  }

  private async storedDataKey(region: string, tenantId: string, dekId: string, createIfMissing: boolean) {
    const id = cacheId(region, tenantId, dekId);
    const dek = await storedKey(this.deps.stores.storesFor(region).keys, tenantId, dekId, {
      make: createIfMissing ? () => this.wrapped(region, tenantId, dekId, newDataKey()) : undefined,
      unwrap: (stored) => this.unwrap(region, stored),
      now: () => this.deps.clock.now(),
    });
    if (!dek) throw new DataKeyGone(tenantId, dekId);
    this.deps.cache.set(id, dek);
    return dek;
  }

  private async wrapped(region: string, tenantId: string, dekId: string, dek: Uint8Array): Promise<MadeKey> {
    const kek = await this.deps.keyEncryptionKeys.obtain(region, tenantId);
    const wrapped = wrapDataKey(kek, dek, tenantId, region, dekId);
    return { plaintext: dek, entry: { tenantId, dekId, wrapped, wrappedBy: 'kek' } };
  }

  private async unwrap(region: string, stored: WrappedDataKey): Promise<Uint8Array> {
    const { tenantId, dekId } = stored;
    // Data keys made before key-encryption keys were wrapped by KMS itself, with context {tenant, dekId}.
    if (stored.wrappedBy !== 'kek')
      return this.deps.keyVault.decrypt(region, 'data', stored.wrapped, { tenant: tenantId, dekId });
    const kek = await this.deps.keyEncryptionKeys.find(region, tenantId);
    // The key-encryption key was destroyed (offboarding): so is every data key wrapped under it.
    if (!kek) throw new DataKeyGone(tenantId, dekId);
    return unwrapDataKey(kek, stored.wrapped, tenantId, region, dekId);
  }
}

const dekIdOf = (s: SealingScope) => s.dekId ?? s.partitionId;
const aadOf = (s: SealingScope) => sealingAad(s.tenantId, s.dataClass, s.partitionId);
const cacheId = (region: string, tenantId: string, dekId: string) => `${region}|${tenantId}|${dekId}`;
