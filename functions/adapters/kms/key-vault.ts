import {
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  KMSServiceException,
  type KMSClient,
} from '@aws-sdk/client-kms';
import {
  KeyVaultRefused,
  type EncryptionContext,
  type GeneratedDataKey,
  type KeyVault,
  type VaultKey,
} from '../../ports/key-vault';

/** What KMS says when it will not decrypt this ciphertext for this caller and context. */
const REFUSALS = new Set(['InvalidCiphertextException', 'IncorrectKeyException', 'AccessDeniedException']);

/** KMS keys addressed by alias: `(region, key)` → `alias/<app>-<region>-data|litigation`. */
export type KeyAliases = (region: string, key: VaultKey) => string;

/** The regional KMS keys through the KMS client of each region. */
export class KmsKeyVault implements KeyVault {
  constructor(
    private readonly clientFor: (region: string) => KMSClient,
    private readonly aliases: KeyAliases,
  ) {}

  async generateDataKey(region: string, key: VaultKey, context: EncryptionContext): Promise<GeneratedDataKey> {
    const out = await this.clientFor(region).send(
      new GenerateDataKeyCommand({ KeyId: this.aliases(region, key), KeySpec: 'AES_256', EncryptionContext: context }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error(`KMS ${region} returned no data key`);
    return { plaintext: out.Plaintext, wrapped: out.CiphertextBlob };
  }

  async encrypt(region: string, key: VaultKey, plaintext: Uint8Array, context: EncryptionContext): Promise<Uint8Array> {
    const out = await this.clientFor(region).send(
      new EncryptCommand({ KeyId: this.aliases(region, key), Plaintext: plaintext, EncryptionContext: context }),
    );
    if (!out.CiphertextBlob) throw new Error(`KMS ${region} returned no ciphertext`);
    return out.CiphertextBlob;
  }

  async decrypt(
    region: string,
    key: VaultKey,
    ciphertext: Uint8Array,
    context: EncryptionContext,
  ): Promise<Uint8Array> {
    try {
      // Naming the key makes KMS refuse a ciphertext of any other key, e.g. a litigation batch key offered as a data key.
      const out = await this.clientFor(region).send(
        new DecryptCommand({
          KeyId: this.aliases(region, key),
          CiphertextBlob: ciphertext,
          EncryptionContext: context,
        }),
      );
      if (!out.Plaintext) throw new Error(`KMS ${region} returned no plaintext`);
      return out.Plaintext;
    } catch (error) {
      if (error instanceof KMSServiceException && REFUSALS.has(error.name))
        throw new KeyVaultRefused(`KMS ${region} refused to decrypt: ${error.name}`);
      throw error;
    }
  }
}
