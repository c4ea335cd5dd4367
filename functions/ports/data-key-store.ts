import type { TenantScan } from './tenant-scan';

/** A partition's data key as kept in the keys table: only ever wrapped by KMS. */
export interface WrappedDataKey {
  tenantId: string;
  /** The id of the partition the key protects (interaction, event or consent id). */
  dekId: string;
  wrapped: Uint8Array;
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
