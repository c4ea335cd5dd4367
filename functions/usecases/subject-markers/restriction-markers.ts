import { RESTRICTED_ATTRIBUTE } from '../../domain/subject-requests/restriction';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { StoredItem } from '../../ports/record-store';
import type { TenantDirectory } from '../../ports/tenant-directory';

/**
 * A restriction (GDPR Art. 18) holds for the subject, not only for the records found when it was
 * asked: the directory keeps one marker per subject key (`RESTRICTION#<hmacHex>`, the keyed hash
 * only, never the identifier) until it is lifted, and ingest marks every record it writes for a
 * marked subject as restricted by the same request.
 */
export const RESTRICTION_MARKER_PREFIX = 'RESTRICTION#';
const markerSk = (hmacHex: string) => `${RESTRICTION_MARKER_PREFIX}${hmacHex}`;

/** Puts (or, with `lift`, removes) the markers of the subject's keys. Repeating it changes nothing. */
export async function markSubject(
  directory: TenantDirectory,
  tenantId: string,
  keys: readonly SubjectKey[],
  marker: { requestId: string; at: string; lift: boolean },
): Promise<void> {
  for (const key of keys) {
    if (marker.lift) await directory.deleteItem(tenantId, markerSk(key.hmacHex));
    else
      await directory.putItem({
        tenantId,
        sk: markerSk(key.hmacHex),
        kind: key.kind,
        requestId: marker.requestId,
        since: marker.at,
      });
  }
}

/** The request that restricted any of these subject keys, if one did and it is not lifted. */
export async function restrictionOf(
  directory: Pick<TenantDirectory, 'getItem'>,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<string | undefined> {
  const markers = await Promise.all(subjectHmacs.map((h) => directory.getItem(tenantId, markerSk(h))));
  const found = markers.find((m) => typeof m?.requestId === 'string');
  return found ? String(found.requestId) : undefined;
}

/** The attribute a record written under a restriction carries: from a restricting request's id, or copied from its partition's root record. */
export function restrictionMark(
  source: string | StoredItem | undefined,
): Partial<Record<typeof RESTRICTED_ATTRIBUTE, string>> {
  const requestId = typeof source === 'string' ? source : source?.[RESTRICTED_ATTRIBUTE];
  return typeof requestId === 'string' && requestId.length ? { [RESTRICTED_ATTRIBUTE]: requestId } : {};
}
