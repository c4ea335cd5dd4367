import { ROOT_SORT_KEY } from '../../domain/record-keys';
import type { ItemKey } from '../../ports/record-store';
import { unlistInteraction } from '../records/interaction-listing';
import { dropConsentStanding } from '../ingest/standing-markers';
import type { SubjectRequestDeps } from './deps';
import { indexRegionsLast, partitionPieces, type SubjectPartition } from './find-subject';
import { copiesOfSubjectPartition, deleteCopies } from '../copies/copy-registry';
import { dataKeyIdsOf, partitionObjects } from './partition-objects';
import { entriesOfPartition, isSubjectIndexEntry, subjectHmacsOfEntries } from '../records/subject-index';

const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });

/**
 * Erases one partition of the subject everywhere, in an order that is safe to cut at any point
 * and run again:
 * 1. its data keys are destroyed in every region (crypto-shredding: from here on no copy of it —
 *    old object versions, archive tier, backups — can be read, whatever happens next);
 * 2. every version of its objects: recordings, large transcripts, pending uploads, archived copies,
 *    and the derived copies registered against it or the whole tenant (playback copies, bulk
 *    downloads, export and offboarding packages: plain, so shredding cannot reach them);
 * 3. the audit entries about its interaction become signed tombstones (Puzzel: they go with it);
 * 4. its records in every region, then the standing markers of every key it is indexed under
 *    (standing-markers.ts: objections stay), then its subject-index entries last (read afresh), so
 *    until the very end a re-run still finds what is left.
 */
export async function erasePartition(
  deps: SubjectRequestDeps,
  tenantId: string,
  partition: SubjectPartition,
): Promise<void> {
  const pieces = await partitionPieces(deps.stores, partition.pk);
  for (const region of deps.stores.regions)
    for (const dekId of dataKeyIdsOf(partition, pieces))
      await deps.vault.shred(region, tenantId, dekId, { partition: partition.pk });
  for (const object of await partitionObjects(deps.stores, tenantId, partition, pieces))
    await deps.stores.storesFor(object.region)[object.bucket].deleteAllVersions(object.key);
  await deleteCopies(deps, await copiesOfSubjectPartition(deps, tenantId, partition.pk), 'all');
  if (partition.kind === 'interaction') await deps.auditLog.forgetInteraction(tenantId, partition.id);
  // The archive's time index names the interaction: it goes before the general info that dates it.
  const info = pieces
    .flatMap((p) => p.items)
    .find((i) => i.sk === ROOT_SORT_KEY.interaction && typeof i.startedAt === 'string');
  if (partition.kind === 'interaction' && info)
    await unlistInteraction(deps, tenantId, { interactionId: partition.id, startedAt: String(info.startedAt) });
  const ordered = indexRegionsLast(pieces, partition);
  for (const { region, items } of ordered)
    await deps.stores.storesFor(region).records.deleteItems(items.filter((i) => !isSubjectIndexEntry(i)).map(keyOf));
  await dropConsentStanding(deps.directory, tenantId, subjectHmacsOfEntries(ordered.flatMap(({ items }) => items)));
  // Read again rather than as found above: an entry filed while the records were still there (the
  // name-prefix backfill, conditioned on the general info) goes too.
  for (const { region } of ordered) {
    const records = deps.stores.storesFor(region).records;
    await records.deleteItems((await entriesOfPartition(records, partition.pk)).map(keyOf));
  }
}
