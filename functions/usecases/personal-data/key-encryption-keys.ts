import type { DekCache } from '../../domain/crypto/dek-cache';
import type { Clock } from '../../ports/clock';
import { KEY_ENCRYPTION_KEY_ID } from '../../ports/data-key-store';
import type { EncryptionContext, KeyVault } from '../../ports/key-vault';
import type { RegionalStores } from '../../ports/regional-stores';
import { SingleFlight } from './single-flight';
import { storedKey } from './stored-key';

/** The KMS encryption context of a tenant's key-encryption key. */
export const keyEncryptionKeyContext = (tenantId: string): EncryptionContext => ({
  tenant: tenantId,
  purpose: 'key-encryption-key',
});

/**
 * Each tenant's key-encryption key (KEK) per region: made by the region's KMS data key once, kept
 * KMS-wrapped in the region's keys table (KEY_ENCRYPTION_KEY_ID) and unwrapped in this container's
 * memory for a bounded time (the cache's TTL), so data keys are made and unwrapped locally: KMS is
 * called once per tenant and region per warm container, and callers arriving together share that call.
 */
export class KeyEncryptionKeys {
  private readonly loads = new SingleFlight<Uint8Array | undefined>();

  constructor(private readonly deps: { keyVault: KeyVault; stores: RegionalStores; cache: DekCache; clock: Clock }) {}

  /** The tenant's KEK of `region`, made now if there is none yet. */
  async obtain(region: string, tenantId: string): Promise<Uint8Array> {
    const kek = await this.load(region, tenantId, true);
    if (!kek) throw new Error(`no key-encryption key was made in ${region}`);
    return kek;
  }

  /** The tenant's KEK of `region`, or undefined when it has none (never made, or destroyed at offboarding). */
  find(region: string, tenantId: string): Promise<Uint8Array | undefined> {
    return this.load(region, tenantId, false);
  }

  /** Forgets the cached KEK (it was destroyed). */
  evict(region: string, tenantId: string): void {
    this.deps.cache.evict(cacheId(region, tenantId));
  }

  private async load(region: string, tenantId: string, create: boolean): Promise<Uint8Array | undefined> {
    const id = cacheId(region, tenantId);
    const cached = this.deps.cache.get(id);
    if (cached) return cached;
    return this.loads.run(`${id}|${create}`, async () => {
      const { keyVault, stores, clock } = this.deps;
      const context = keyEncryptionKeyContext(tenantId);
      const kek = await storedKey(stores.storesFor(region).keys, tenantId, KEY_ENCRYPTION_KEY_ID, {
        make: create
          ? async () => {
              const generated = await keyVault.generateDataKey(region, 'data', context);
              const entry = { tenantId, dekId: KEY_ENCRYPTION_KEY_ID, wrapped: generated.wrapped };
              return { plaintext: generated.plaintext, entry };
            }
          : undefined,
        unwrap: (stored) => keyVault.decrypt(region, 'data', stored.wrapped, context),
        now: () => clock.now(),
      });
      if (kek) this.deps.cache.set(id, kek);
      return kek;
    });
  }
}

const cacheId = (region: string, tenantId: string) => `${region}|${tenantId}`;
