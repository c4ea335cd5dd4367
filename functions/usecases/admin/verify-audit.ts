import { verifyChain, type ChainVerdict } from '../../domain/audit/verify-chain';
import type { AuditHead } from '../../domain/audit/entry';
import type { AuditLog } from '../../ports/audit-log';

/**
 * Verifies a tenant's whole audit chain page by page (memory stays flat): each page from the link
 * the previous one ended on, starting at the stored anchor (the last pruned entry, or genesis);
 * the final page is checked against the stored head, so entries cut off the end are caught too.
 * Tombstones of deleted interactions verify by their signature under the tenant's audit key.
 */
export async function verifyAuditChain(
  auditLog: AuditLog,
  auditKey: Uint8Array,
  tenantId: string,
  pageSize = 500,
): Promise<ChainVerdict> {
  const { anchor, head } = await auditLog.bounds(tenantId);
  let link: AuditHead = anchor;
  let checked = 0;
  let cursor: string | undefined;
  do {
    const page = await auditLog.readChain(tenantId, { cursor, limit: pageSize });
    cursor = page.cursor;
    const verdict = verifyChain(page.items, auditKey, { anchor: link, ...(cursor ? {} : head ? { head } : {}) });
    if (!verdict.ok) return verdict;
    checked += verdict.checked;
    link = verdict.head;
  } while (cursor);
  return { ok: true, checked, head: link };
}
