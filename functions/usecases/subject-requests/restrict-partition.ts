import { isRestricted, RESTRICTED_ATTRIBUTE } from '../../domain/subject-requests/restriction';
import { WriteConflict } from '../../ports/write-conflict';
import type { SubjectRequestDeps } from './deps';
import { isRecordItem, partitionPieces, type SubjectPartition } from './find-subject';

/**
 * Marks every record of one partition, in every region, as restricted by `requestId` (GDPR
 * Art. 18), or lifts the mark. Setting a mark that is there, or removing one that is not, is
 * skipped, so a re-run changes nothing. Returns how many records carry the wanted state.
 */
export async function restrictPartition(
  deps: SubjectRequestDeps,
  partition: SubjectPartition,
  requestId: string,
  lift: boolean,
): Promise<number> {
  let settled = 0;
  for (const { region, items } of await partitionPieces(deps.stores, partition.pk)) {
    const records = deps.stores.storesFor(region).records;
    for (const item of items.filter(isRecordItem)) {
      settled++;
      if (isRestricted(item) !== lift) continue;
      const changes = lift ? { remove: [RESTRICTED_ATTRIBUTE] } : { set: { [RESTRICTED_ATTRIBUTE]: requestId } };
      try {
        await records.update({ pk: item.pk, sk: item.sk }, changes, { kind: 'present' });
      } catch (error) {
        if (!(error instanceof WriteConflict)) throw error; // deleted meanwhile: nothing to restrict
        settled--;
      }
    }
  }
  return settled;
}
