import type { ConsentHistoryEntry } from '../../domain/ingest/consent';
import { withdrawnPurposes } from '../../domain/ingest/consent';
import type { ConsentPurpose } from '../../domain/ingest/schemas';
import { ROOT_SORT_KEY } from '../../domain/sweep/record-keys';
import { isVisibleAt } from '../../domain/sweep/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from './deps';
import { allPages } from './pages';
import type { TenantContext } from './tenant-context';

/**
 * The purposes a subject has withdrawn, found through the subject index: every consent proof
 * filed under any of the subject's keys, in every served region (an edited policy may have sent
 * earlier proofs elsewhere). Proofs past their retention no longer count. The index is a GSI:
 * in AWS a proof is found once it has propagated (typically well under a second).
 */
export async function withdrawnFor(
  deps: Pick<IngestDeps, 'stores' | 'clock'>,
  tenant: TenantContext,
  subjectHmacs: readonly string[],
): Promise<Set<ConsentPurpose>> {
  if (!subjectHmacs.length) return new Set();
  const now = deps.clock.now();
  const perRegion = await Promise.all(
    deps.stores.regions.map(async (region) => {
      const records = deps.stores.storesFor(region).records;
      const hits = (
        await Promise.all(subjectHmacs.map((h) => allPages((cursor) => records.queryBySubject(`T#${tenant.tenantId}#${h}`, { cursor }))))
      ).flat();
      const partitions = [...new Set(hits.filter((h) => h.class === 'consent').map((h) => h.pk))];
      const proofs = await Promise.all(partitions.map((pk) => records.get({ pk, sk: ROOT_SORT_KEY.consent })));
      return proofs.filter((p): p is StoredItem => p !== undefined && isVisibleAt(p, now));
    }),
  );
  const history: ConsentHistoryEntry[] = perRegion.flat().map((p) => ({
    purpose: p.purpose as ConsentPurpose,
    granted: p.granted as boolean,
    at: p.at as string,
  }));
  return withdrawnPurposes(history);
}
