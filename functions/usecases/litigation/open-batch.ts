import { forbidden } from '../../domain/errors';
import { batchEncryptionContext, openBatch, readBatch, type BatchHeader } from '../../domain/litigation/batch';
import type { OpenedRecord } from '../../domain/records';
import { recordsCsv } from '../../domain/sweep/records-csv';
import { KeyVaultRefused, type KeyVault } from '../../ports/key-vault';

/**
 * Opens a sealed batch with `legalKeyVault`, KMS as the caller's own identity: the litigation key
 * unwraps the batch's data key for the legal-access role only, and only with the encryption
 * context {tenant, class, batchId} the batch was sealed with; then AES-256-GCM checks every byte.
 * Anyone else, or an altered batch, gets a 403 and nothing readable.
 */
export async function openSealedBatch(
  legalKeyVault: KeyVault,
  sealed: Uint8Array,
): Promise<{ header: BatchHeader; records: OpenedRecord[]; csv: string }> {
  const batch = readBatch(sealed);
  let dataKey: Uint8Array;
  try {
    dataKey = await legalKeyVault.decrypt(
      batch.header.region,
      'litigation',
      batch.wrappedKey,
      batchEncryptionContext(batch.header),
    );
  } catch (error) {
    if (error instanceof KeyVaultRefused)
      throw forbidden(
        'KMS refused to open this litigation batch: only the legal-access role may decrypt it, and only unaltered.',
      );
    throw error;
  }
  try {
    const records = openBatch(batch, dataKey);
    return { header: batch.header, records, csv: recordsCsv(records) };
  } finally {
    dataKey.fill(0);
  }
}
