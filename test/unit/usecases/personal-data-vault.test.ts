import { InMemoryKeyVault } from '../../../functions/adapters/memory/key-vault';
import { InMemoryRegionalStores } from '../../../functions/adapters/memory/regional-stores';
import { SettableClock } from '../../../functions/domain/clock';
import { DekCache } from '../../../functions/domain/crypto/dek-cache';
import { open, SealedDataRejected, seal, sealingAad } from '../../../functions/domain/crypto/envelope';
import { unwrapDataKey } from '../../../functions/domain/crypto/key-wrap';
import { KEY_ENCRYPTION_KEY_ID } from '../../../functions/ports/data-key-store';
import type { EncryptionContext, KeyVault, VaultKey } from '../../../functions/ports/key-vault';
import {
  KeyEncryptionKeys,
  keyEncryptionKeyContext,
} from '../../../functions/usecases/personal-data/key-encryption-keys';
import {
  DataKeyGone,
  PersonalDataVault,
  type SealingScope,
} from '../../../functions/usecases/personal-data/personal-data-vault';

const [EU, US] = ['eu-central-1', 'us-east-1'];
const TENANT = 'T1';
const scopeOf = (partitionId: string, region = EU): SealingScope => ({
  region,
  tenantId: TENANT,
  dataClass: 'transcript',
  partitionId,
});

/** The in-memory KMS with every call counted, as the bench counts the SDK's KMS requests. */
class CountingKeyVault implements KeyVault {
  calls = 0;
  constructor(readonly kms = new InMemoryKeyVault()) {}
  generateDataKey(region: string, key: VaultKey, context: EncryptionContext) {
    this.calls++;
    return this.kms.generateDataKey(region, key, context);
  }
  encrypt(region: string, key: VaultKey, plaintext: Uint8Array, context: EncryptionContext) {
    this.calls++;
    return this.kms.encrypt(region, key, plaintext, context);
  }
  decrypt(region: string, key: VaultKey, ciphertext: Uint8Array, context: EncryptionContext) {
    this.calls++;
    return this.kms.decrypt(region, key, ciphertext, context);
  }
}

/** What a deployment shares (KMS, the keys tables); each `container()` is a Lambda container with its own caches. */
function deployment() {
  const kms = new InMemoryKeyVault();
  const stores = new InMemoryRegionalStores([EU, US]);
  const clock = new SettableClock('2026-03-02T09:00:00.000Z');
  const container = () => {
    const keyVault = new CountingKeyVault(kms);
    const keyEncryptionKeys = new KeyEncryptionKeys({
      keyVault,
      stores,
      cache: new DekCache(clock, { maxEntries: 100, ttlMs: 15 * 60_000 }),
      clock,
    });
    const cache = new DekCache(clock, { maxEntries: 100, ttlMs: 60_000 });
    return { keyVault, vault: new PersonalDataVault({ keyVault, stores, cache, keyEncryptionKeys, clock }) };
  };
  return { kms, stores, clock, container };
}

describe('data keys wrapped under a per-tenant, per-region key-encryption key', () => {
  it('calls KMS once for a container sealing and opening many partitions of a tenant', async () => {
    // Prepare
    const { container } = deployment();
    const { vault, keyVault } = container();
    // Act
    const sealed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => vault.seal(scopeOf(`I${i}`), `line ${i}`).then((s) => [i, s] as const)),
    );
    for (const [i, s] of sealed) await vault.open(scopeOf(`I${i}`), s);
    // Assess
    expect(keyVault.calls).toBe(1);
  });

  it('calls KMS once in a cold container to open what another container sealed, however many partitions', async () => {
    // Prepare
    const { container } = deployment();
    const writer = container().vault;
    const sealed = [];
    for (let i = 0; i < 5; i++) sealed.push(await writer.seal(scopeOf(`I${i}`), `line ${i}`));
    const cold = container();
    // Act
    const opened = await Promise.all(sealed.map((s, i) => cold.vault.open(scopeOf(`I${i}`), s)));
    // Assess
    expect(opened.map(String)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    expect(cold.keyVault.calls).toBe(1);
  });

  it('keeps the key-encryption key only KMS-wrapped and each data key only wrapped under it (raw keys table)', async () => {
    // Prepare
    const { container, stores, kms } = deployment();
    const sealed = await container().vault.seal(scopeOf('I1'), 'Anna, +46 70 123 45 67');
    // Act
    const keys = stores.storesFor(EU).keys;
    const [kekEntry, dekEntry] = [await keys.get(TENANT, KEY_ENCRYPTION_KEY_ID), await keys.get(TENANT, 'I1')];
    // Assess
    expect(kekEntry).toBeDefined();
    expect(kekEntry).not.toHaveProperty('wrappedBy');
    expect(dekEntry?.wrappedBy).toBe('kek');
    const kek = await kms.decrypt(EU, 'data', kekEntry!.wrapped, keyEncryptionKeyContext(TENANT));
    const dek = unwrapDataKey(kek, dekEntry!.wrapped, TENANT, EU, 'I1');
    expect(Buffer.from(dekEntry!.wrapped).includes(Buffer.from(dek))).toBe(false);
    expect(String(open(dek, sealed, sealingAad(TENANT, 'transcript', 'I1')))).toBe('Anna, +46 70 123 45 67');
    expect(() => unwrapDataKey(kek, dekEntry!.wrapped, TENANT, EU, 'I2')).toThrow(SealedDataRejected);
  });

  it('crypto-shreds one partition by deleting its wrapped key: the cached key-encryption key does not bring it back', async () => {
    // Prepare
    const { container } = deployment();
    const { vault } = container();
    const [a, b] = [await vault.seal(scopeOf('A'), 'for A'), await vault.seal(scopeOf('B'), 'for B')];
    // Act
    await vault.shred(EU, TENANT, 'A', 'tenant-purge');
    // Assess
    await expect(vault.open(scopeOf('A'), a)).rejects.toBeInstanceOf(DataKeyGone);
    await expect(container().vault.open(scopeOf('A'), a)).rejects.toBeInstanceOf(DataKeyGone);
    expect(String(await container().vault.open(scopeOf('B'), b))).toBe('for B');
  });

  it("shreds every data key of the tenant's region at once by destroying its key-encryption key", async () => {
    // Prepare
    const { container, clock } = deployment();
    const { vault } = container();
    const sealed = await vault.seal(scopeOf('A'), 'for A');
    const elsewhere = await vault.seal(scopeOf('A', US), 'for A in the US');
    // Act
    await vault.shred(EU, TENANT, KEY_ENCRYPTION_KEY_ID, 'tenant-purge');
    clock.advance(61_000); // past the data-key cache
    // Assess
    await expect(vault.open(scopeOf('A'), sealed)).rejects.toBeInstanceOf(DataKeyGone);
    await expect(container().vault.open(scopeOf('A'), sealed)).rejects.toBeInstanceOf(DataKeyGone);
    expect(String(await container().vault.open(scopeOf('A', US), elsewhere))).toBe('for A in the US');
  });

  it('opens data keys that KMS wrapped directly, as they were stored before key-encryption keys', async () => {
    // Prepare
    const { container, stores, kms, clock } = deployment();
    const generated = await kms.generateDataKey(EU, 'data', { tenant: TENANT, dekId: 'OLD' });
    await stores.storesFor(EU).keys.putIfAbsent({
      tenantId: TENANT,
      dekId: 'OLD',
      wrapped: generated.wrapped,
      createdAt: clock.now().toISOString(),
    });
    const sealed = seal(generated.plaintext, 'an older line', sealingAad(TENANT, 'transcript', 'OLD'));
    const { vault, keyVault } = container();
    // Act
    const opened = await vault.open(scopeOf('OLD'), sealed);
    // Assess
    expect(String(opened)).toBe('an older line');
    expect(keyVault.calls).toBe(1);
  });

  it('asks KMS again once the cached key-encryption key has outlived its TTL', async () => {
    // Prepare
    const { container, clock } = deployment();
    const { vault, keyVault } = container();
    const sealed = await vault.seal(scopeOf('A'), 'for A');
    const callsWarm = keyVault.calls;
    // Act
    clock.advance(15 * 60_000 + 1);
    await vault.open(scopeOf('A'), sealed);
    // Assess
    expect(callsWarm).toBe(1);
    expect(keyVault.calls).toBe(2);
  });
});

describe('a partition moved to another region (a call at /end)', () => {
  it('re-wraps its data key for the destination with at most 2 KMS calls, so sealed values copy unchanged', async () => {
    // Prepare
    const { container } = deployment();
    const writer = container().vault;
    const sealed = [];
    for (let i = 0; i < 20; i++) sealed.push(await writer.seal(scopeOf('CALL', US), `line ${i}`));
    const mover = container();
    // Act
    const carried = await Promise.all(sealed.map(() => mover.vault.carryKey(US, EU, TENANT, 'CALL')));
    await mover.vault.shred(US, TENANT, 'CALL', 'tenant-purge');
    // Assess
    expect(carried.every(Boolean)).toBe(true);
    expect(mover.keyVault.calls).toBeLessThanOrEqual(2);
    const reader = container().vault;
    expect(String(await reader.open(scopeOf('CALL', EU), sealed[19]))).toBe('line 19');
    await expect(reader.open(scopeOf('CALL', US), sealed[19])).rejects.toBeInstanceOf(DataKeyGone);
  });

  it('carries the key again harmlessly when a move is retried', async () => {
    // Prepare
    const { container } = deployment();
    const sealed = await container().vault.seal(scopeOf('CALL', US), 'line');
    await container().vault.carryKey(US, EU, TENANT, 'CALL');
    // Act
    const again = await container().vault.carryKey(US, EU, TENANT, 'CALL');
    // Assess
    expect(again).toBe(true);
    expect(String(await container().vault.open(scopeOf('CALL', EU), sealed))).toBe('line');
  });

  it('does not carry the key where the destination already keeps another key for the partition', async () => {
    // Prepare
    const { container } = deployment();
    const { vault } = container();
    await vault.seal(scopeOf('CALL', US), 'in the US');
    const sealedInEu = await vault.seal(scopeOf('CALL', EU), 'already in the EU');
    // Act
    const carried = await vault.carryKey(US, EU, TENANT, 'CALL');
    // Assess
    expect(carried).toBe(false);
    expect(String(await container().vault.open(scopeOf('CALL', EU), sealedInEu))).toBe('already in the EU');
  });
});
