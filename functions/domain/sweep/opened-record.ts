import type { DataClass } from '../data-class';

/**
 * A record with its personal fields opened, as the restricted exports of retention show it (the
 * archive-tier CSV, a decrypted litigation batch): its key, class and expiry, then every field.
 */
export interface OpenedRecord {
  pk: string;
  sk: string;
  dataClass: DataClass;
  /** Epoch seconds: when its retention ended. */
  expiresAt: number;
  fields: Record<string, unknown>;
}
