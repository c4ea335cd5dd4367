import { isActiveHold, type LegalHold } from '../../domain/holds/hold';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { HELD_SUBJECT_PREFIX, markHeldSubject } from '../subject-markers/held-subject-markers';
import { holdOf, holdSortKey } from './hold-records';

/**
 * A rectification re-keys the subject index from the old identifier's hash to the corrected one's
 * (GDPR Art. 16); a subject hold naming the old hash must name the new one too, or it no longer
 * finds what it keeps: the sweep's coverage, the release and ingest's held-subject markers all
 * look partitions up by the hold's keys. So every active hold with a marker for `oldHmac` gains
 * `newKey` (the old key stays: it is what the admin placed) and its marker, before any partition is
 * re-keyed. Repeating it changes nothing.
 */
export async function carryHolds(
  directory: TenantDirectory,
  tenantId: string,
  oldHmac: string,
  newKey: SubjectKey,
): Promise<void> {
  const { items } = await directory.queryItems(tenantId, `${HELD_SUBJECT_PREFIX}${oldHmac}#`);
  for (const marker of items) await carryHold(directory, tenantId, String(marker.holdId), newKey);
}

async function carryHold(directory: TenantDirectory, tenantId: string, holdId: string, newKey: SubjectKey) {
  for (let attempt = 1; ; attempt++) {
    const stored = await directory.getItem(tenantId, holdSortKey(holdId), { consistent: true });
    const hold = stored && holdOf(stored);
    if (!hold || !isActiveHold(hold) || hold.target.kind !== 'subject') return;
    if (hold.target.subjectKeys.some((k) => k.hmacHex === newKey.hmacHex)) return;
    const carried: LegalHold = {
      ...hold,
      target: { kind: 'subject', subjectKeys: [...hold.target.subjectKeys, newKey] },
    };
    // Marker first, as when the hold was placed: ingest under the corrected identifier is held at once.
    await markHeldSubject(directory, carried, false);
    try {
      const updated = holdOf(
        await directory.updateItem(
          tenantId,
          holdSortKey(holdId),
          { set: { target: carried.target } },
          { kind: 'matches', attributes: { target: hold.target } },
        ),
      );
      // Released meanwhile: the release lifted the markers it knew of, so this one goes too.
      if (!isActiveHold(updated)) await markHeldSubject(directory, carried, true);
      return;
    } catch (error) {
      // Another pass carried a key meanwhile: read the hold again.
      if (!(error instanceof WriteConflict) || attempt >= 3) throw error;
    }
  }
}
