import type { ConsentHistoryEntry } from '../../domain/ingest/consent';
import { ROOT_SORT_KEY } from '../../domain/record-keys';
import { isVisibleAt } from '../../domain/retention/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from './deps';
import { entriesOfSubject } from '../records/subject-index';

/**
 * Every consent proof (objections included) filed under any of the subject's keys, found through
 * the subject index in every served region (an edited policy may have sent earlier proofs
 * elsewhere), with the region it lives in. Proofs past their retention no longer count. The index
 * is a GSI: in AWS a proof is found once it has propagated (typically well under a second). Reads
 * the subject's whole history: ingest asks the markers instead (standing-reader.ts).
 */
export async function consentProofsOf(
  deps: Pick<IngestDeps, 'stores' | 'clock'>,
  tenantId: string,
  subjectHmacs: readonly string[],
): Promise<Array<{ region: string; item: StoredItem }>> {
  if (!subjectHmacs.length) return [];
  const now = deps.clock.now();
  const perRegion = await Promise.all(
    deps.stores.regions.map(async (region) => {
      const records = deps.stores.storesFor(region).records;
      const hits = (await Promise.all(subjectHmacs.map((h) => entriesOfSubject(records, tenantId, h)))).flat();
      const partitions = [...new Set(hits.filter((h) => h.class === 'consent').map((h) => h.pk))];
      const proofs = await Promise.all(partitions.map((pk) => records.get({ pk, sk: ROOT_SORT_KEY.consent })));
      return proofs
        .filter((p): p is StoredItem => p !== undefined && isVisibleAt(p, now))
        .map((item) => ({ region, item }));
    }),
  );
  return perRegion.flat();
}

/** A stored proof as the consent rules read it. */
export const historyEntryOf = (p: StoredItem): ConsentHistoryEntry => ({
  purpose: p.purpose as string,
  granted: p.granted as boolean,
  at: p.at as string,
  ...(p.objection === true ? { objection: true } : {}),
  ...(typeof p.noticeVersion === 'string' ? { noticeVersion: p.noticeVersion } : {}),
  ...(typeof p.requestId === 'string' ? { requestId: p.requestId } : {}),
});
