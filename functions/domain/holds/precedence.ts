import { HeldError } from '../errors';

/** What decides a record's fate when several rules apply. */
export type GoverningRule = 'legal-hold' | 'erasure' | 'retention' | 'none';

/**
 * Precedence for every record: legal hold > erasure > retention (DESIGN §4). A held record is
 * kept even when its subject asks for erasure or its retention ended; an erasure removes a record
 * whose retention has not ended yet; retention acts only on what neither of the others claims.
 */
export function governingRule(record: {
  heldBy: readonly string[];
  erasureRequested: boolean;
  retentionEnded: boolean;
}): GoverningRule {
  if (record.heldBy.length > 0) return 'legal-hold';
  if (record.erasureRequested) return 'erasure';
  if (record.retentionEnded) return 'retention';
  return 'none';
}

/**
 * A deletion someone asks for (a staff delete, in bulk too; an erasure or anonymisation of a
 * subject) ranks as erasure: only a legal hold outranks it. Paths that skip what is kept ask this.
 */
export const keptFromDeletion = (heldBy: readonly string[]): boolean =>
  governingRule({ heldBy, erasureRequested: true, retentionEnded: false }) === 'legal-hold';

/** Paths that refuse instead of skipping (staff deletes): HELD naming the holds, before anything is deleted. */
export function requireDeletable(what: string, heldBy: readonly string[]): void {
  if (keptFromDeletion(heldBy)) throw new HeldError(what, [...heldBy].sort());
}
