import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataClass } from '../data-class';

/**
 * The envelope of personal data at rest (docs/storage-layout.md): base64 of
 * `0x01 | iv (12 bytes) | ciphertext | GCM tag (16 bytes)`, AES-256-GCM under the partition's data
 * key, with `<tenant>|<class>|<partition id>` as additional authenticated data, so a sealed value
 * copied into another tenant's, class's or partition's record no longer opens.
 */
const VERSION = 0x01;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Opening failed: the value was altered, or the key or the additional data is not the one it was sealed with. */
export class SealedDataRejected extends Error {
  constructor(reason: string) {
    super(`sealed data rejected: ${reason}`);
    this.name = 'SealedDataRejected';
  }
}

/** The additional authenticated data of a record's sealed payload. */
export function sealingAad(tenantId: string, dataClass: DataClass, partitionId: string): string {
  return `${tenantId}|${dataClass}|${partitionId}`;
}

function assertKey(dek: Uint8Array): void {
  if (dek.byteLength !== KEY_BYTES)
    throw new RangeError(`a data key must be ${KEY_BYTES} bytes, not ${dek.byteLength}`);
}

export function seal(dek: Uint8Array, plaintext: Uint8Array | string, aad: string): string {
  assertKey(dek);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dek, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, ciphertext, cipher.getAuthTag()]).toString('base64');
}

export function open(dek: Uint8Array, sealed: string, aad: string): Buffer {
  assertKey(dek);
  const bytes = Buffer.from(sealed, 'base64');
  if (bytes.length < 1 + IV_BYTES + TAG_BYTES) throw new SealedDataRejected('too short to be a sealed value');
  if (bytes[0] !== VERSION) throw new SealedDataRejected(`unknown envelope version ${bytes[0]}`);
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const tag = bytes.subarray(bytes.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', dek, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SealedDataRejected(
      'authentication failed (altered, or sealed under another key or for another tenant, class or partition)',
    );
  }
}
