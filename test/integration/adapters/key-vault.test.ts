import { AwsClients } from '../../../functions/adapters/aws-clients';
import { KmsKeyVault } from '../../../functions/adapters/kms/key-vault';
import { KeyVaultRefused, type VaultKey } from '../../../functions/ports/key-vault';
import { homeRegion } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

describe('the regional KMS keys', () => {
  const { keyVault, config } = testContainer();
  const aliases = (region: string, key: VaultKey) =>
    key === 'data' ? config.regional[region].dataKeyAlias : config.regional[region].litigationKeyAlias;

  it('generates a data key whose wrapped form unwraps to it under the same encryption context', async () => {
    // Prepare
    const context = { tenant: freshTenant(), dekId: 'I1' };
    // Act
    const generated = await keyVault.generateDataKey(homeRegion(), 'data', context);
    const unwrapped = await keyVault.decrypt(homeRegion(), 'data', generated.wrapped, context);
    // Assess
    expect(generated.plaintext).toHaveLength(32);
    expect(Buffer.from(generated.wrapped).includes(Buffer.from(generated.plaintext))).toBe(false);
    expect(Buffer.from(unwrapped)).toEqual(Buffer.from(generated.plaintext));
  });

  it("refuses to unwrap a data key for another tenant or partition (the encryption context doesn't match)", async () => {
    // Prepare
    const tenant = freshTenant();
    const { wrapped } = await keyVault.generateDataKey(homeRegion(), 'data', { tenant, dekId: 'I1' });
    // Act / Assess
    await expect(keyVault.decrypt(homeRegion(), 'data', wrapped, { tenant, dekId: 'I2' })).rejects.toBeInstanceOf(
      KeyVaultRefused,
    );
    await expect(
      keyVault.decrypt(homeRegion(), 'data', wrapped, { tenant: freshTenant(), dekId: 'I1' }),
    ).rejects.toBeInstanceOf(KeyVaultRefused);
  });

  it('encrypts a small secret directly and decrypts it again', async () => {
    // Prepare
    const context = { tenant: freshTenant(), purpose: 'subject-index' };
    const secret = Buffer.alloc(32, 9);
    // Act
    const wrapped = await keyVault.encrypt(homeRegion(), 'data', secret, context);
    // Assess
    expect(Buffer.from(await keyVault.decrypt(homeRegion(), 'data', wrapped, context))).toEqual(secret);
  });

  it('seals under the litigation key so that only the legal-access role can open it', async () => {
    // Prepare
    const context = { tenant: freshTenant(), class: 'transcript', batchId: 'B1' };
    const legal = new KmsKeyVault(
      (region) => new AwsClients(config, { accessKeyId: 'LEGALROLE', secretAccessKey: 'LEGALROLE' }).kmsFor(region),
      aliases,
    );
    const { plaintext, wrapped } = await keyVault.generateDataKey(homeRegion(), 'litigation', context);
    // Act
    const byApplication = await keyVault.decrypt(homeRegion(), 'litigation', wrapped, context).catch((e: unknown) => e);
    const byLegalRole = await legal.decrypt(homeRegion(), 'litigation', wrapped, context);
    // Assess
    expect(byApplication).toBeInstanceOf(KeyVaultRefused);
    expect(Buffer.from(byLegalRole)).toEqual(Buffer.from(plaintext));
  });

  it('refuses to open a data-key ciphertext as a litigation one (the key is named on decrypt)', async () => {
    // Prepare
    const context = { tenant: freshTenant(), dekId: 'I1' };
    const { wrapped } = await keyVault.generateDataKey(homeRegion(), 'data', context);
    // Act / Assess
    await expect(keyVault.decrypt(homeRegion(), 'litigation', wrapped, context)).rejects.toBeInstanceOf(
      KeyVaultRefused,
    );
  });
});
