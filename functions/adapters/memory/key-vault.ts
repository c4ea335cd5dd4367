import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  KeyVaultRefused,
  type EncryptionContext,
  type GeneratedDataKey,
  type KeyVault,
  type VaultKey,
} from '../../ports/key-vault';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** The context as KMS binds it: the same names and values in any order give the same binding. */
const boundContext = (region: string, key: VaultKey, context: EncryptionContext) =>
  Buffer.from(JSON.stringify([region, key, Object.entries(context).sort(([a], [b]) => (a < b ? -1 : 1))]));

/**
 * KMS held in memory: the twin of KmsKeyVault for fast tests. Each (region, key) has its own
 * random master key; ciphertexts are AES-256-GCM with the encryption context as associated data,
 * so decrypting with another context, key or region is refused (KeyVaultRefused) as KMS refuses it.
 * As the litigation key's policy says, the application may encrypt under it but only the
 * legal-access role (`asLegalRole()`) may decrypt.
 */
export class InMemoryKeyVault implements KeyVault {
  constructor(
    private readonly masters = new Map<string, Buffer>(),
    private readonly legalRole = false,
  ) {}

  /** The same keys as the legal-access role sees them. */
  asLegalRole(): InMemoryKeyVault {
    return new InMemoryKeyVault(this.masters, true);
  }

  async generateDataKey(region: string, key: VaultKey, context: EncryptionContext): Promise<GeneratedDataKey> {
    const plaintext = new Uint8Array(randomBytes(32));
    return { plaintext, wrapped: await this.encrypt(region, key, plaintext, context) };
  }

  async encrypt(region: string, key: VaultKey, plaintext: Uint8Array, context: EncryptionContext): Promise<Uint8Array> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.master(region, key), iv);
    cipher.setAAD(boundContext(region, key, context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), body]));
  }

  async decrypt(
    region: string,
    key: VaultKey,
    ciphertext: Uint8Array,
    context: EncryptionContext,
  ): Promise<Uint8Array> {
    if (key === 'litigation' && !this.legalRole)
      throw new KeyVaultRefused(`only the legal-access role may decrypt with the litigation key of ${region}`);
    const bytes = Buffer.from(ciphertext);
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.master(region, key), bytes.subarray(0, IV_BYTES));
      decipher.setAAD(boundContext(region, key, context));
      decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
    } catch {
      throw new KeyVaultRefused(`the ${key} key of ${region} refused to decrypt: wrong key, context or ciphertext`);
    }
  }

  private master(region: string, key: VaultKey): Buffer {
    const name = `${region}/${key}`;
    let master = this.masters.get(name);
    if (!master) this.masters.set(name, (master = randomBytes(32)));
    return master;
  }
}
