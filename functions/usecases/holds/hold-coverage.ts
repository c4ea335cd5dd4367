import { holdCoverage, type HoldCoverage } from '../../domain/holds/coverage';
import { isActiveHold, type LegalHold } from '../../domain/holds/hold';
import type { RecordStore } from '../../ports/record-store';

/** Every partition the subject index lists under one subject key of a tenant, in one region. */
export async function partitionsOfSubjectKey(records: RecordStore, tenantId: string, hmacHex: string): Promise<string[]> {
  const partitions = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await records.queryBySubject(`T#${tenantId}#${hmacHex}`, { cursor });
    for (const hit of page.items) partitions.add(hit.pk);
    cursor = page.cursor;
  } while (cursor);
  return [...partitions];
}

/**
 * What the active holds of a tenant cover in one region: subject holds are resolved through the
 * subject index (one Query per subject key), so the sweep asks "is this partition held?" in memory.
 */
export async function loadHoldCoverage(records: RecordStore, tenantId: string, holds: readonly LegalHold[]): Promise<HoldCoverage> {
  const bySubject = new Map<string, string[]>();
  for (const hold of holds.filter(isActiveHold))
    if (hold.target.kind === 'subject')
      for (const key of hold.target.subjectKeys)
        if (!bySubject.has(key.hmacHex)) bySubject.set(key.hmacHex, await partitionsOfSubjectKey(records, tenantId, key.hmacHex));
  return holdCoverage(tenantId, holds, (hmacHex) => bySubject.get(hmacHex) ?? []);
}
