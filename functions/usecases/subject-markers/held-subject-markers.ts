import type { LegalHold } from '../../domain/holds/hold';
import type { TenantDirectory } from '../../ports/tenant-directory';

/**
 * A subject hold keeps what the subject's records will be too, not only those found when it was
 * placed: the directory keeps one marker per subject key and hold
 * (`HELDSUBJECT#<hmacHex>#<holdId>`, the keyed hash only), so ingest writes a held subject's new
 * records out of TTL's reach at once (`heldWrites`, records/held-expiry.ts) instead of leaving them
 * to DynamoDB's TTL until the next sweep finds them held.
 */
export const HELD_SUBJECT_PREFIX = 'HELDSUBJECT#';
const subjectPrefix = (hmacHex: string) => `${HELD_SUBJECT_PREFIX}${hmacHex}#`;

/** Puts (or, with `lift`, removes) the markers of a subject hold; an interaction hold has none. Repeating it changes nothing. */
export async function markHeldSubject(
  directory: Pick<TenantDirectory, 'putItem' | 'deleteItem'>,
  hold: LegalHold,
  lift: boolean,
): Promise<void> {
  if (hold.target.kind !== 'subject') return;
  for (const key of hold.target.subjectKeys) {
    const sk = `${subjectPrefix(key.hmacHex)}${hold.holdId}`;
    if (lift) await directory.deleteItem(hold.tenantId, sk);
    else await directory.putItem({ tenantId: hold.tenantId, sk, holdId: hold.holdId, since: hold.placedAt });
  }
}

/** Whether an active subject hold names any of these subject keys: one keyed Query per key. */
export async function subjectHeld(
  directory: Pick<TenantDirectory, 'queryItems'>,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<boolean> {
  const pages = await Promise.all(
    [...new Set(subjectHmacs)].map((h) => directory.queryItems(tenantId, subjectPrefix(h), { limit: 1 })),
  );
  return pages.some((page) => page.items.length > 0);
}
