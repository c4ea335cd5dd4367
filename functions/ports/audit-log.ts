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
  /** Newest first; only live entries (tombstones and expired entries are left out). */
  list(tenantId: string, filter?: AuditFilter, page?: { cursor?: string; limit?: number }): Promise<Page<AuditEntry>>;
  /** Every stored link, entries and tombstones, oldest first: what `lethe audit verify` checks. */
  readChain(tenantId: string, page?: { cursor?: string; limit?: number }): Promise<Page<AuditRecord>>;
  bounds(tenantId: string): Promise<AuditChainBounds>;
  /** Replaces every entry about `interactionId` with a signed tombstone; returns how many. */
  forgetInteraction(tenantId: string, interactionId: string): Promise<number>;
  /** Deletes entries whose audit retention has ended, oldest first, and moves the anchor past them. */
  pruneExpired(tenantId: string): Promise<number>;
  /** Deletes the whole chain (tenant offboarding). */
  destroy(tenantId: string): Promise<number>;
}
