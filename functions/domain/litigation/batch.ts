import { createHash } from 'node:crypto';
import * as z from 'zod';
import { open, seal, sealingAad } from '../crypto/envelope';
import { DATA_CLASSES, type DataClass } from '../data-class';
import type { OpenedRecord } from '../records';

/**
 * A sealed litigation batch (iAdvize: temporary litigation archive, AES-256, a few people only):
 * records of one tenant, class and region, written once to the Object Lock bucket as
 *
 *   { format, formatVersion, tenantId, dataClass, batchId, region, sealedAt, retainUntil,
 *     records, wrappedKey, sealed }
 *
 * `sealed` is the records as JSON lines in the envelope of functions/domain/crypto (AES-256-GCM,
 * additional data `<tenant>|<class>|<batchId>`) under a data key that the litigation KMS key
 * generated with the encryption context {tenant, class, batchId}; `wrappedKey` is that key as KMS
 * returned it. Changing a header field changes the context or the additional data, so KMS or GCM
 * refuses to open the batch; only the legal-access role may ask KMS to unwrap the key at all.
 */
export const BATCH_FORMAT = 'lethe-litigation-batch';

const HeaderSchema = z
  .object({
    format: z.literal(BATCH_FORMAT),
    formatVersion: z.literal(1),
    tenantId: z.string().min(1),
    dataClass: z.enum(DATA_CLASSES),
    batchId: z.string().min(1),
    region: z.string().min(1),
    sealedAt: z.string(),
    retainUntil: z.string(),
    records: z.number().int().min(0),
  })
  .strict();
export type BatchHeader = z.infer<typeof HeaderSchema>;

const DocumentSchema = HeaderSchema.extend({ wrappedKey: z.base64(), sealed: z.base64() }).strict();

const RecordSchema = z
  .object({
    pk: z.string(),
    sk: z.string(),
    dataClass: z.enum(DATA_CLASSES),
    expiresAt: z.number(),
    fields: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The batch no longer is what was sealed: altered, truncated or not a batch at all. */
export class BatchRejected extends Error {
  constructor(reason: string) {
    super(`litigation batch rejected: ${reason}`);
    this.name = 'BatchRejected';
  }
}

/** The KMS encryption context a batch's data key is bound to. */
export const batchEncryptionContext = (
  h: Pick<BatchHeader, 'tenantId' | 'dataClass' | 'batchId'>,
): Record<string, string> => ({
  tenant: h.tenantId,
  class: h.dataClass,
  batchId: h.batchId,
});

/** `<t>/<class>/<batchId>.sealed` in the region's litigation bucket (docs/storage-layout.md). */
export const batchObjectKey = (h: Pick<BatchHeader, 'tenantId' | 'dataClass' | 'batchId'>): string =>
  `${h.tenantId}/${h.dataClass}/${h.batchId}.sealed`;

/**
 * A batch id that the same records always get: a sweep that crashed after writing a batch and
 * before marking its records seals the same records again under the same id, and finds it done.
 * 26 characters of Crockford base32, like the ULIDs elsewhere.
 */
export function batchIdOf(
  tenantId: string,
  dataClass: DataClass,
  region: string,
  keys: readonly { pk: string; sk: string }[],
): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([tenantId, dataClass, region, keys.map((k) => [k.pk, k.sk])]), 'utf8')
    .digest();
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  let bits = 0n;
  for (const byte of hash.subarray(0, 17)) bits = (bits << 8n) | BigInt(byte);
  let id = '';
  for (let i = 0; i < 26; i++) id += alphabet[Number((bits >> BigInt(5 * (25 - i) + 6)) & 31n)];
  return id;
}

/** The batch document, sealed under `dek` (plaintext from KMS, kept in memory only). */
export function sealBatch(
  header: Omit<BatchHeader, 'format' | 'formatVersion' | 'records'>,
  records: readonly OpenedRecord[],
  dek: Uint8Array,
  wrappedKey: Uint8Array,
): Uint8Array {
  const stray = records.find((r) => r.dataClass !== header.dataClass || !r.pk.startsWith(`T#${header.tenantId}#`));
  if (stray) throw new RangeError('a litigation batch holds records of one tenant and one class only');
  const full: BatchHeader = { format: BATCH_FORMAT, formatVersion: 1, ...header, records: records.length };
  const lines = records.map((r) => JSON.stringify(r)).join('\n');
  const document = {
    ...full,
    wrappedKey: Buffer.from(wrappedKey).toString('base64'),
    sealed: seal(dek, lines, sealingAad(full.tenantId, full.dataClass, full.batchId)),
  };
  return Buffer.from(JSON.stringify(document), 'utf8');
}

/** The header and wrapped key of a stored batch, before anyone unwraps anything. */
export function readBatch(bytes: Uint8Array): { header: BatchHeader; wrappedKey: Uint8Array; sealed: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    throw new BatchRejected('not a JSON document');
  }
  const result = DocumentSchema.safeParse(parsed);
  if (!result.success) throw new BatchRejected('not a litigation batch document');
  const { wrappedKey, sealed, ...header } = result.data;
  return { header, wrappedKey: Buffer.from(wrappedKey, 'base64'), sealed };
}

/** The records of a batch; throws BatchRejected when the ciphertext, the header or the key does not match. */
export function openBatch(batch: { header: BatchHeader; sealed: string }, dek: Uint8Array): OpenedRecord[] {
  const { header } = batch;
  let text: string;
  try {
    text = open(dek, batch.sealed, sealingAad(header.tenantId, header.dataClass, header.batchId)).toString('utf8');
  } catch {
    throw new BatchRejected('the ciphertext does not open under its key and header');
  }
  const records =
    text === '' ? [] : text.split('\n').map((line) => RecordSchema.parse(JSON.parse(line)) as OpenedRecord);
  if (records.length !== header.records)
    throw new BatchRejected(`the header says ${header.records} records, the ciphertext holds ${records.length}`);
  return records;
}
