import type { AuditDraft, AuditEntry, AuditHead, AuditAction, AuditRecord } from '../domain/audit/entry';
import type { Page } from './page';

export interface AuditFilter {
  /** ISO-8601 bounds on the entry time, inclusive. */
  from?: string;
  to?: string;
  action?: AuditAction;
  interactionId?: string;
  user?: string;
  support?: boolean;
}

/** Where verification of a tenant's chain starts (after pruning) and where it must end. */
export interface AuditChainBounds {
  anchor: AuditHead;
  head?: AuditHead;
}

/**
 * A tenant's tamper-evident access log. Every play/download/delete of content, every export,
 * subject request, litigation retrieval and policy change is appended; entries about an
 * interaction become signed tombstones when its general info is deleted (Puzzel), so the chain
 * still verifies.
 */
export interface AuditLog {
  append(tenantId: string, draft: AuditDraft): Promise<AuditEntry>;
  /**
   * Newest first; only live entries: tombstones and tenant-level entries past the audit retention
   * are left out (an entry about an interaction lives as long as the interaction).
   */
  list(tenantId: string, filter?: AuditFilter, page?: { cursor?: string; limit?: number }): Promise<Page<AuditEntry>>;
  /** Every stored link, entries and tombstones, oldest first: what `lethe audit verify` checks. */
  readChain(tenantId: string, page?: { cursor?: string; limit?: number }): Promise<Page<AuditRecord>>;
  bounds(tenantId: string): Promise<AuditChainBounds>;
  /** Replaces every entry about `interactionId` with a signed tombstone; returns how many. */
  forgetInteraction(tenantId: string, interactionId: string): Promise<number>;
  /**
   * Applies the audit retention, oldest first: tenant-level entries and tombstones whose time is up
   * are deleted from the front of the chain (the anchor moves past them), or tombstoned when an
   * entry still kept by its interaction stands before them; an entry about an interaction is kept
   * while the interaction is stored in any region (kept or held) and goes once it is not.
   */
  pruneExpired(tenantId: string): Promise<number>;
  /** Deletes the whole chain (tenant offboarding). */
  destroy(tenantId: string): Promise<number>;
}
