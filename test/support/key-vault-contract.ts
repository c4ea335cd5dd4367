import { KeyVaultRefused, type KeyVault } from '../../functions/ports/key-vault';

/**
 * What every KeyVault does: KmsKeyVault against the local KMS endpoint
 * (test/integration/adapters/key-vault.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-stores.test.ts) run these same cases.
 */
export interface KeyVaultUnderTest {
  /** The application role's vault. */
  keyVault: KeyVault;
  /** The same keys as the legal-access role uses them. */
  legalRole: KeyVault;
  region: string;
  /** A tenant id of its own for every case. */
  freshTenant: () => string;
}

export function keyVaultContract(subject: () => KeyVaultUnderTest): void {
  let keyVault: KeyVault;
  let legalRole: KeyVault;
  let region: string;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ keyVault, legalRole, region, freshTenant } = subject());
  });

  it('generates a data key whose wrapped form unwraps to it under the same encryption context', async () => {
    // Prepare
    const context = { tenant: freshTenant(), dekId: 'I1' };
    // Act
    const generated = await keyVault.generateDataKey(region, 'data', context);
    const unwrapped = await keyVault.decrypt(region, 'data', generated.wrapped, context);
    // Assess
    expect(generated.plaintext).toHaveLength(32);
    expect(Buffer.from(generated.wrapped).includes(Buffer.from(generated.plaintext))).toBe(false);
    expect(Buffer.from(unwrapped)).toEqual(Buffer.from(generated.plaintext));
  });

  it("refuses to unwrap a data key for another tenant or partition (the encryption context doesn't match)", async () => {
    // Prepare
    const tenant = freshTenant();
    const { wrapped } = await keyVault.generateDataKey(region, 'data', { tenant, dekId: 'I1' });
    // Act / Assess
    await expect(keyVault.decrypt(region, 'data', wrapped, { tenant, dekId: 'I2' })).rejects.toBeInstanceOf(
      KeyVaultRefused,
    );
    await expect(
      keyVault.decrypt(region, 'data', wrapped, { tenant: freshTenant(), dekId: 'I1' }),
    ).rejects.toBeInstanceOf(KeyVaultRefused);
  });

  it('encrypts a small secret directly and decrypts it again', async () => {
    // Prepare
    const context = { tenant: freshTenant(), purpose: 'subject-index' };
    const secret = Buffer.alloc(32, 9);
    // Act
    const wrapped = await keyVault.encrypt(region, 'data', secret, context);
    // Assess
    expect(Buffer.from(await keyVault.decrypt(region, 'data', wrapped, context))).toEqual(secret);
  });

  it('seals under the litigation key so that only the legal-access role can open it', async () => {
    // Prepare
    const context = { tenant: freshTenant(), class: 'transcript', batchId: 'B1' };
    const { plaintext, wrapped } = await keyVault.generateDataKey(region, 'litigation', context);
    // Act
    const byApplication = await keyVault.decrypt(region, 'litigation', wrapped, context).catch((e: unknown) => e);
    const byLegalRole = await legalRole.decrypt(region, 'litigation', wrapped, context);
    // Assess
    expect(byApplication).toBeInstanceOf(KeyVaultRefused);
    expect(Buffer.from(byLegalRole)).toEqual(Buffer.from(plaintext));
  });

  it('refuses to open a data-key ciphertext as a litigation one (the key is named on decrypt)', async () => {
    // Prepare
    const context = { tenant: freshTenant(), dekId: 'I1' };
    const { wrapped } = await keyVault.generateDataKey(region, 'data', context);
    // Act / Assess
    await expect(keyVault.decrypt(region, 'litigation', wrapped, context)).rejects.toBeInstanceOf(KeyVaultRefused);
  });
}
