/** What decides a record's fate when several rules apply. */
export type GoverningRule = 'legal-hold' | 'erasure' | 'retention' | 'none';

/**
 * Precedence for every record: legal hold > erasure > retention (DESIGN §4). A held record is
 * kept even when its subject asks for erasure or its retention ended; an erasure removes a record
 * whose retention has not ended yet; retention acts only on what neither of the others claims.
 */
export function governingRule(record: { heldBy: readonly string[]; erasureRequested: boolean; retentionEnded: boolean }): GoverningRule {
  if (record.heldBy.length > 0) return 'legal-hold';
  if (record.erasureRequested) return 'erasure';
  if (record.retentionEnded) return 'retention';
  return 'none';
}
