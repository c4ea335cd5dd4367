import type { TenantDirectory } from '../../ports/tenant-directory';

/** What is left of a tenant after its purge: proof that nothing else is (issue 4: "a final report showing zero left"). */
export interface FinalReport {
  completedAt: string;
  /**
   * Counted by a scan of every regional table and a listing of every prefix of the tenant's objects
   * (exports bucket included), not by the purge's own tally or lists: all zero. `otherItems` are
   * items of no data class (listing entries, idempotency and session markers).
   */
  remaining: {
    records: number;
    indexEntries: number;
    otherItems: number;
    dataKeys: number;
    contentObjects: number;
    archiveObjects: number;
    exportObjects: number;
    aggregates: number;
  };
  /**
   * Kept by law beyond the contract: sealed litigation batches under Object Lock, and records and
   * objects (content, archive, derived copies) under legal hold, with the tenant's audit chain.
   */
  retained: { litigationBatches: number; litigationRetainedUntil?: string; heldRecords: number; heldObjects: number };
  /** The legal holds keeping data: the tenant stays `purging` until they are released and a purge finds nothing held. */
  heldBy?: string[];
  /** No data key of the tenant is left outside held partitions (crypto-shredding). */
  dataKeysShredded: boolean;
}

/**
 * The export package of a termination, built in an invocation of its own (build-package.ts):
 * `building` from the termination on, then `ready` (the zip is in the exports bucket under `key`)
 * or `failed` with a reason that names no personal data. `requestId` names the build: a build
 * invocation acts only on the build it was started for.
 */
export type OffboardingPackage =
  | { status: 'building'; requestId: string; startedAt: string }
  | { status: 'ready'; requestId: string; key: string; records: number; manifestSha256: string; builtAt: string }
  | { status: 'failed'; requestId: string; reason: string; failedAt: string };

/** Where a tenant's package goes in the exports bucket. */
export { offboardingPackageKey } from '../../domain/copies/copy-keys';

/**
 * A tenant's offboarding, in the directory as its `OFFBOARDING` item: terminated (contract ended,
 * API keys revoked, export package under way or done), purging once the grace has passed, purged
 * with the final report. The profile stays, marked terminated, so the id is never reused.
 */
export interface Offboarding {
  tenantId: string;
  status: 'terminated' | 'purging' | 'purged';
  terminatedAt: string;
  /** When the sweep deletes everything (policy.offboarding.graceDays after termination). */
  purgeAfter: string;
  requestedBy: string;
  package: OffboardingPackage;
  finalReport?: FinalReport;
}

export const OFFBOARDING_SK = 'OFFBOARDING';

export async function offboardingOf(directory: TenantDirectory, tenantId: string): Promise<Offboarding | undefined> {
  const item = await directory.getItem(tenantId, OFFBOARDING_SK, { consistent: true });
  if (!item) return undefined;
  const { sk: _sk, ...offboarding } = item;
  return offboarding as unknown as Offboarding;
}
