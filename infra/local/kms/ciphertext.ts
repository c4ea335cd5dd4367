import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The local KMS ciphertext blob: `0x01 | key id (36 ASCII bytes) | iv (12) | GCM tag (16) | data`,
 * AES-256-GCM under the key's material with the encryption context as additional authenticated
 * data. As with real KMS, the blob names its key, and a wrong or missing context fails to open.
 */
const VERSION = 0x01;
const KEY_ID_LENGTH = 36;
const HEADER = 1 + KEY_ID_LENGTH + 12 + 16;

export type EncryptionContext = Record<string, string>;

export function seal(keyId: string, material: Buffer, plaintext: Buffer, context: EncryptionContext): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', material, iv);
  cipher.setAAD(additionalData(keyId, context));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), Buffer.from(keyId, 'ascii'), iv, cipher.getAuthTag(), data]);
}

/** The key id a blob was sealed under, or undefined when the blob is not one of ours. */
export function keyIdOf(blob: Buffer): string | undefined {
  if (blob.length < HEADER || blob[0] !== VERSION) return undefined;
  return blob.subarray(1, 1 + KEY_ID_LENGTH).toString('ascii');
}

/** The plaintext, or undefined when the blob, the key or the context does not match. */
export function open(blob: Buffer, material: Buffer, context: EncryptionContext): Buffer | undefined {
  const keyId = keyIdOf(blob);
  if (!keyId) return undefined;
  const iv = blob.subarray(1 + KEY_ID_LENGTH, 1 + KEY_ID_LENGTH + 12);
  const tag = blob.subarray(1 + KEY_ID_LENGTH + 12, HEADER);
  try {
    const decipher = createDecipheriv('aes-256-gcm', material, iv);
    decipher.setAAD(additionalData(keyId, context));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(blob.subarray(HEADER)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** Order-independent, like KMS: {a,b} and {b,a} are the same context. */
function additionalData(keyId: string, context: EncryptionContext): Buffer {
  const entries = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.from(JSON.stringify([keyId, entries]), 'utf8');
}
