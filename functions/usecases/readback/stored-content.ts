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
  const live = (item: Record<string, unknown>) => isVisibleAt(item, now);
  const checks = deps.stores.regions.flatMap((region) => {
    const records = deps.stores.storesFor(region).records;
    return [
      // Chat-log lines sort by time and expire in that order: the newest is the last one left.
      records
        .queryPartition(pk, { skPrefix: 'MSG#', descending: true, limit: 1, consistent: true })
        .then((page) => page.items.some((i) => live(i) && typeof i.sealed === 'string')),
      allPages((cursor) =>
        records.queryPartition(pk, { skPrefix: RECORDING_POINTER_PREFIX, cursor, consistent: true }),
      ).then((items) => items.some((i) => live(i) && isFinalised(i))),
    ];
  });
  return (await Promise.all(checks)).some(Boolean);
}
