import type { TenantScan } from './tenant-scan';

/**
 * The id under which the keys table keeps the tenant's key-encryption key of its region: wrapped by
 * KMS, it wraps the tenant's data keys there. No partition id contains `#`.
 */
export const KEY_ENCRYPTION_KEY_ID = '#kek';

/** A data key as kept in the keys table: never in the clear. */
export interface WrappedDataKey {
  tenantId: string;
  /** The id of the partition the key protects (interaction, event or consent id), or KEY_ENCRYPTION_KEY_ID. */
  dekId: string;
  wrapped: Uint8Array;
  /** 'kek': wrapped locally under the key-encryption key; absent: wrapped by KMS (the key-encryption key, and older data keys). */
  wrappedBy?: 'kek';
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Epoch seconds (TTL backstop); absent: kept until destroyed. */
  expiresAt?: number;
}

/**
 * The keys table of ONE region (`T#<t>#K#<dekId>`). Destroying an entry crypto-shreds everything
 * its key sealed, including copies that cannot be rewritten (old S3 versions, backups).
 */
export interface DataKeyStore extends TenantScan {
  readonly region: string;
  /** Stores the key unless one exists for (tenant, dekId): then returns the stored one, which wins. */
  putIfAbsent(key: WrappedDataKey): Promise<WrappedDataKey>;
  get(tenantId: string, dekId: string): Promise<WrappedDataKey | undefined>;
  /** Deletes the wrapped key for good; destroying a missing key is not an error. */
  destroy(tenantId: string, dekId: string): Promise<void>;
}
