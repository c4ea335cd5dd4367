import type { DataKeyStore, WrappedDataKey } from '../../functions/ports/data-key-store';

/**
 * What every DataKeyStore does: the DynamoDB adapter against DynamoDB Local
 * (test/integration/adapters/data-key-store.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-stores.test.ts) run these same cases.
 */
export interface DataKeyStoreUnderTest {
  keys: DataKeyStore;
  /** A tenant id of its own for every case, so cases never see each other's data. */
  freshTenant: () => string;
}

const wrappedKey = (tenantId: string, dekId: string, fill: number): WrappedDataKey => ({
  tenantId,
  dekId,
  wrapped: new Uint8Array(48).fill(fill),
  createdAt: '2026-03-02T09:00:00.000Z',
  expiresAt: 1_803_891_600,
});

export function dataKeyStoreContract(subject: () => DataKeyStoreUnderTest): void {
  let keys: DataKeyStore;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ keys, freshTenant } = subject());
  });

  it('keeps the first key of a partition: a second writer gets the stored one back, not its own', async () => {
    // Prepare
    const tenantId = freshTenant();
    const first = wrappedKey(tenantId, 'I1', 1);
    // Act
    const kept = await keys.putIfAbsent(first);
    const raced = await keys.putIfAbsent(wrappedKey(tenantId, 'I1', 2));
    // Assess
    expect(kept).toEqual(first);
    expect({ ...raced, wrapped: Buffer.from(raced.wrapped) }).toEqual({
      ...first,
      wrapped: Buffer.from(first.wrapped),
    });
    const stored = await keys.get(tenantId, 'I1');
    expect(Buffer.from(stored?.wrapped ?? [])).toEqual(Buffer.alloc(48, 1));
  });

  it('says how a key was wrapped: by the key-encryption key, or by KMS when the entry does not say', async () => {
    // Prepare
    const tenantId = freshTenant();
    await keys.putIfAbsent({ ...wrappedKey(tenantId, 'I1', 1), wrappedBy: 'kek' });
    await keys.putIfAbsent(wrappedKey(tenantId, 'I2', 2));
    // Act
    const [local, byKms] = [await keys.get(tenantId, 'I1'), await keys.get(tenantId, 'I2')];
    // Assess
    expect(local?.wrappedBy).toBe('kek');
    expect(byKms).toBeDefined();
    expect(byKms).not.toHaveProperty('wrappedBy');
  });

  it('destroys a key for good, and destroying it again is not an error', async () => {
    // Prepare
    const tenantId = freshTenant();
    await keys.putIfAbsent(wrappedKey(tenantId, 'I1', 1));
    await keys.putIfAbsent(wrappedKey(tenantId, 'I2', 2));
    // Act
    await keys.destroy(tenantId, 'I1');
    await keys.destroy(tenantId, 'I1');
    // Assess
    expect(await keys.get(tenantId, 'I1')).toBeUndefined();
    expect(await keys.get(tenantId, 'I2')).toBeDefined();
  });

  it("scans one tenant's keys and no other tenant's", async () => {
    // Prepare
    const [mine, theirs] = [freshTenant(), freshTenant()];
    await keys.putIfAbsent(wrappedKey(mine, 'I1', 1));
    await keys.putIfAbsent(wrappedKey(theirs, 'I1', 1));
    // Act
    const scanned = [];
    for await (const item of keys.scanTenant(mine)) scanned.push(item);
    // Assess
    expect(scanned).toEqual([{ pk: `T#${mine}#K#I1`, dekId: 'I1', expiresAt: 1_803_891_600 }]);
  });
}
