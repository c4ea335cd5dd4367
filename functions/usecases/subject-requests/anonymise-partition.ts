import type { DataClass } from '../../domain/data-class';
import type { ItemKey, StoredItem } from '../../ports/record-store';
import { dropConsentStanding } from '../ingest/standing-markers';
import { anonymiseItem, deleteArchived, settlePartition, type ActionScope } from '../retention/record-actions';
import type { SubjectRequestDeps } from './deps';
import { indexRegionsLast, partitionPieces, type SubjectPartition } from './find-subject';
import { copiesOfSubjectPartition, deleteCopies } from '../copies/copy-registry';
import { partitionObjects } from './partition-objects';
import { entriesOfPartition, isSubjectIndexEntry, subjectHmacsOfEntries } from '../records/subject-index';

export interface AnonymiseScope {
  tenantId: string;
  /** The instant of the anonymisation: the job's, so a resumed job writes the very same values. */
  at: Date;
  /** Anonymised records become statistics, kept as long as the tenant keeps statistics. */
  statisticsExpireAt: Date;
  content: 'delete' | 'keep';
}

const CONTENT_CLASSES: readonly DataClass[] = ['transcript', 'recording'];
const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });

/** What anonymising does to one item: remove its personal fields, drop its archived copy, or leave it. */
function planFor(item: StoredItem, content: AnonymiseScope['content']): 'anonymise' | 'drop-archived' | 'leave' {
  if (isSubjectIndexEntry(item) || item.class === 'audit' || item.tier === 'statistics') return 'leave';
  if (item.tier === 'archived') return 'drop-archived';
  if (content === 'keep' && CONTENT_CLASSES.includes(item.class as DataClass)) return 'leave';
  return typeof item.class === 'string' ? 'anonymise' : 'leave';
}

/**
 * Puzzel "forget me" for one partition: every record keeps its statistics (channel, queue, times,
 * durations, score, consent outcome) and loses what names the person (the sealed participant and
 * external id, survey comments, consent identifiers, event payloads); archived copies, which hold
 * the record as it was, are deleted. With `content: 'delete'` chat logs, recordings and pending
 * uploads go too and the partition's data key is destroyed; with `keep` they stay, sealed, but
 * nothing leads from the person to them any more. Index entries go last, region by region.
 * Statistics are untouched: the aggregates never held anything personal.
 */
export async function anonymisePartition(
  deps: SubjectRequestDeps,
  scope: AnonymiseScope,
  partition: SubjectPartition,
): Promise<void> {
  const pieces = indexRegionsLast(await partitionPieces(deps.stores, partition.pk), partition);
  // Read before anonymising: anonymised recording pointers no longer name their objects.
  const contentObjects = (await partitionObjects(deps.stores, scope.tenantId, partition, pieces)).filter(
    (o) => o.bucket === 'content',
  );
  // Derived copies are plain and name the person (voice, chat, identifiers): they go whatever `content` says.
  await deleteCopies(deps, await copiesOfSubjectPartition(deps, scope.tenantId, partition.pk), 'all');
  // The standing markers of every key it is indexed under go before its index entries (objections stay).
  await dropConsentStanding(
    deps.directory,
    scope.tenantId,
    subjectHmacsOfEntries(pieces.flatMap(({ items }) => items)),
  );
  for (const { region, items } of pieces) {
    const action: ActionScope = { deps, region, tenantId: scope.tenantId, now: scope.at };
    for (const item of items) {
      const plan = planFor(item, scope.content);
      if (plan === 'anonymise') await anonymiseItem(action, item, scope.statisticsExpireAt);
      if (plan === 'drop-archived') await deleteArchived(action, item, false);
    }
    if (scope.content === 'delete')
      for (const object of contentObjects.filter((o) => o.region === region))
        await deps.stores.storesFor(region).content.deleteAllVersions(object.key);
    // Settled again even when nothing was left to anonymise: a run cut short may have stopped right before it.
    await settlePartition(action, partition.pk);
  }
  // Kept content keeps its sealed records, so retention's settling leaves the index alone: remove it here.
  for (const { region } of pieces) {
    const records = deps.stores.storesFor(region).records;
    const entries = await entriesOfPartition(records, partition.pk);
    await records.deleteItems(entries.map(keyOf));
  }
}
