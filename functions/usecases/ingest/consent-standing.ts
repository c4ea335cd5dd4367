import type { ConsentHistoryEntry } from '../../domain/ingest/consent';
import { objectedPurposes, withdrawnPurposes } from '../../domain/ingest/consent';
import { ROOT_SORT_KEY } from '../../domain/sweep/record-keys';
import { isVisibleAt } from '../../domain/sweep/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from './deps';
import { allPages } from '../records/pages';
import { objectionsOf } from './standing-markers';
import type { TenantContext } from './tenant-context';

/**
 * Every consent proof (objections included) filed under any of the subject's keys, found through
 * the subject index in every served region (an edited policy may have sent earlier proofs
 * elsewhere), with the region it lives in. Proofs past their retention no longer count. The index
 * is a GSI: in AWS a proof is found once it has propagated (typically well under a second).
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
      const hits = (
        await Promise.all(
          subjectHmacs.map((h) => allPages((cursor) => records.queryBySubject(`T#${tenantId}#${h}`, { cursor }))),
        )
      ).flat();
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

/**
 * The purposes a subject has withdrawn, and those they objected to by now: what ingest refuses to
 * store for them. Objections are read from the standing markers too, as `GET /v1/consents/standing`
 * reads them, so both answer alike even once an erasure took the proofs out of the subject index.
 */
export async function refusalsFor(
  deps: Pick<IngestDeps, 'stores' | 'clock' | 'directory'>,
  tenant: TenantContext,
  subjectHmacs: readonly string[],
): Promise<{ withdrawn: Set<string>; objected: Set<string> }> {
  const [proofs, objections] = await Promise.all([
    consentProofsOf(deps, tenant.tenantId, subjectHmacs),
    objectionsOf(deps.directory, tenant.tenantId, subjectHmacs, ['recording', 'storeContent']),
  ]);
  const history = proofs.map(({ item }) => historyEntryOf(item));
  return {
    withdrawn: withdrawnPurposes(history),
    objected: objectedPurposes([...history, ...objections], deps.clock.now().toISOString()),
  };
}
