/**
 * KMS, regional. `data` is the region's data key (wraps DEKs and tenant secrets); `litigation` is
 * the key of the region's litigation archive, whose policy lets only the legal-access role
 * decrypt. The encryption context is bound into every ciphertext: decrypting with another
 * context fails, so a wrapped key cannot be replayed for another tenant or partition.
 */
export type VaultKey = 'data' | 'litigation';

/** Encryption context: names and values KMS binds to a ciphertext (never personal data: CloudTrail logs it). */
export type EncryptionContext = Record<string, string>;

export interface GeneratedDataKey {
  /** 32 bytes for AES-256: keep in memory only. */
  plaintext: Uint8Array;
  /** The same key encrypted under the KMS key: store this. */
  wrapped: Uint8Array;
}

export interface KeyVault {
  /** A fresh AES-256 data key from `key` of `region`. */
  generateDataKey(region: string, key: VaultKey, context: EncryptionContext): Promise<GeneratedDataKey>;
  /** Encrypts at most 4 KB (a tenant secret, a data key) directly under `key`. */
  encrypt(region: string, key: VaultKey, plaintext: Uint8Array, context: EncryptionContext): Promise<Uint8Array>;
  /** Unwraps what `generateDataKey` or `encrypt` produced; throws KeyVaultRefused when KMS refuses. */
  decrypt(region: string, key: VaultKey, ciphertext: Uint8Array, context: EncryptionContext): Promise<Uint8Array>;
}

/** KMS refused to decrypt: wrong context, wrong key, tampered ciphertext, or the caller may not use the key. */
export class KeyVaultRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyVaultRefused';
  }
}
