import { bucketsToSweep, dayOfBucket, resumeAt, utcDay, type SweepCheckpoint } from '../../domain/sweep/checkpoint';
import type { DueItem } from '../../ports/record-store';
import type { Page } from '../../ports/page';
import { CheckpointStore } from './checkpoints';
import { applyPolicyChange } from './rebucket';
import { sweepPage } from './sweep-page';
import type { UnitRun } from './unit-run';

/** First pages of this many buckets are read at once: most buckets are empty, and a Query costs a round trip. */
const LOOKAHEAD = 32;

/**
 * Sweeps one tenant × class × region: applies a pending policy change, then reads the due buckets
 * (the `byExpiry` index, `expiresAt <= now`) from its checkpoint through today a page at a time,
 * never scanning and never holding more than a few pages. Buckets are handled in order; the
 * checkpoint moves after every page while nothing has failed; after a failure it stays put, so the
 * next run retries from there (what was done is gone from the index and costs nothing to pass
 * again). Returns whether it reached the end.
 */
export async function sweepUnit(run: UnitRun): Promise<boolean> {
  const store = new CheckpointStore(
    run.deps.directory,
    run.tenantId,
    run.region,
    run.dataClass,
    run.dryRun,
    run.offboarding ? 'purge' : 'sweep',
  );
  let checkpoint = await store.load();
  if (!run.offboarding) checkpoint = await applyPolicyChange(run, checkpoint, store);
  const base: SweepCheckpoint = checkpoint ?? { day: run.firstDay, policyRevision: run.policy.revision };
  const records = run.deps.stores.storesFor(run.region).records;
  // Offboarding takes everything the buckets hold, whatever its expiry.
  const dueBy = run.offboarding ? Number.MAX_SAFE_INTEGER : Math.floor(run.now.getTime() / 1000);
  const { buckets, cursor: start } = run.offboarding
    ? resumeAt(run.offboarding.buckets, checkpoint)
    : bucketsToSweep(run.tenantId, run.dataClass, checkpoint, run.firstDay, run.now);
  const query = (bucket: string, cursor?: string) => records.queryDue(bucket, dueBy, { cursor, limit: run.pageSize });

  let healthy = true;
  for (let from = 0; from < buckets.length; from += LOOKAHEAD) {
    const window = buckets.slice(from, from + LOOKAHEAD);
    const firstPages = await Promise.all(window.map((bucket, i) => query(bucket, from + i === 0 ? start : undefined)));
    for (let i = 0; i < window.length; i++) {
      let page: Page<DueItem> | undefined = firstPages[i];
      while (page) {
        if (run.shouldStop()) return false;
        if ((await sweepPage(run, page.items)) > 0) healthy = false;
        const cursor: string | undefined = page.cursor;
        const next = cursor ? window[i] : buckets[from + i + 1];
        if (healthy && next && (page.items.length || cursor))
          await store.save({ ...base, day: dayOfBucket(next), bucket: next, cursor });
        page = cursor ? await query(window[i], cursor) : undefined;
      }
    }
  }
  // Today's buckets fill up all day: the next run reads them again, from the start.
  if (healthy) await store.save({ ...base, day: utcDay(run.now), bucket: undefined, cursor: undefined });
  return healthy;
}
