import type { StoredItem } from '../../ports/record-store';
import { isVisibleAt } from '../../domain/retention/visibility';
import type { IngestDeps } from '../ingest/deps';
import { allPages } from '../records/pages';
import { isFinalised } from '../recordings/recording-pointer';
import { RECORDING_POINTER_PREFIX } from '../records/recording-pointer-keys';

/**
 * Whether an interaction has content stored and readable now, in any served region: a live,
 * sealed chat-log line or a live finalised recording. What `contentStored` reports: a refusal or
 * a withdrawal of consent stops new content, it does not remove what was stored before it.
 */
export async function hasStoredContent(deps: Pick<IngestDeps, 'stores' | 'clock'>, pk: string): Promise<boolean> {
  const now = deps.clock.now();
  const stored = (items: readonly StoredItem[]) => holdsStoredContent(items, now);
  const checks = deps.stores.regions.flatMap((region) => {
    const records = deps.stores.storesFor(region).records;
    return [
      // Chat-log lines sort by time and expire in that order: the newest is the last one left.
      records
        .queryPartition(pk, { skPrefix: 'MSG#', descending: true, limit: 1, consistent: true })
        .then((page) => stored(page.items)),
      allPages((cursor) =>
        records.queryPartition(pk, { skPrefix: RECORDING_POINTER_PREFIX, cursor, consistent: true }),
      ).then(stored),
    ];
  });
  return (await Promise.all(checks)).some(Boolean);
}

/**
 * Whether items of an interaction's partition (any of them, as read) hold content readable now:
 * the rule `hasStoredContent` applies, for a caller that has read the partition already.
 */
export function holdsStoredContent(items: readonly StoredItem[], now: Date): boolean {
  return items.some(
    (i) =>
      isVisibleAt(i, now) &&
      (i.sk.startsWith('MSG#')
        ? typeof i.sealed === 'string'
        : i.sk.startsWith(RECORDING_POINTER_PREFIX) && isFinalised(i)),
  );
}
