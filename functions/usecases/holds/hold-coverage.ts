import { holdCoverage, type HoldCoverage } from '../../domain/holds/coverage';
import { isActiveHold, type LegalHold } from '../../domain/holds/hold';
import { batchCoverageKey } from '../../domain/litigation/registry';
import type { RecordStore } from '../../ports/record-store';
import { batchesLinkedTo } from '../litigation/subject-links';
import { entriesOfSubject } from '../records/subject-index';

/** Every partition the subject index lists under one subject key of a tenant, in one region. */
export async function partitionsOfSubjectKey(
  records: RecordStore,
  tenantId: string,
  hmacHex: string,
): Promise<string[]> {
  const entries = await entriesOfSubject(records, tenantId, hmacHex);
  return [...new Set(entries.map((entry) => entry.pk))];
}

/**
 * What the active holds of a tenant cover in one region: subject holds are resolved through the
 * subject index and the litigation subject links (a Query of each per subject key), so the sweep
 * asks "is this partition, or this batch, held?" in memory.
 */
export async function loadHoldCoverage(
  records: RecordStore,
  tenantId: string,
  holds: readonly LegalHold[],
): Promise<HoldCoverage> {
  const bySubject = new Map<string, string[]>();
  for (const hold of holds.filter(isActiveHold))
    if (hold.target.kind === 'subject')
      for (const key of hold.target.subjectKeys)
        if (!bySubject.has(key.hmacHex))
          bySubject.set(key.hmacHex, [
            ...(await partitionsOfSubjectKey(records, tenantId, key.hmacHex)),
            ...(await batchesLinkedTo(records, tenantId, key.hmacHex)).map((batchId) =>
              batchCoverageKey(tenantId, batchId),
            ),
          ]);
  return holdCoverage(tenantId, holds, (hmacHex) => bySubject.get(hmacHex) ?? []);
}
