import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { bucketForExpiry, bucketsThrough, utcDay, type SweepCheckpoint } from '../../domain/sweep/checkpoint';
import { countRebucket, emptyImpact, expiryHorizon, retentionChanged } from '../../domain/sweep/policy-impact';
import { WriteConflict } from '../../ports/write-conflict';
import type { CheckpointStore } from './checkpoints';
import { dueRecordOf } from '../records/item-facts';
import { revisionsSince } from './policy-revisions';
import { EXPIRY_REVISION, extendIndexEntries, redateListingOf, replanExpiry } from '../records/redate-record';
import { recordFailure, type UnitRun } from './unit-run';

/**
 * Applies a policy change to the records of one tenant × class × region before the due buckets
 * are swept (issue 4: a shortened retention applies to existing records at the next sweep). Every
 * bucket from today through the last day a record written under any revision since the
 * checkpoint's (the tenant's first, on a first sweep) can expire is read; each live record is
 * re-dated with `recomputeExpiry` and moved to the bucket of its new expiry (today's, when that has
 * passed, so this very sweep handles it). Resumable: the position
 * and the counts travel in the checkpoint. Returns the checkpoint to sweep from.
 */
export async function applyPolicyChange(
  run: UnitRun,
  checkpoint: SweepCheckpoint | undefined,
  store: CheckpointStore,
): Promise<SweepCheckpoint> {
  const current = run.policy.revision;
  if (checkpoint && checkpoint.policyRevision >= current && !checkpoint.rebucket) return checkpoint;
  const resumed = checkpoint?.rebucket?.toRevision === current ? checkpoint.rebucket : undefined;
  const since = resumed ? [] : await revisionsSince(run.deps.directory, run.tenantId, checkpoint?.policyRevision);
  // A first sweep starts from the tenant's first revision: a policy saved before it still re-dates
  // what was written under the earlier ones.
  const base: SweepCheckpoint = checkpoint ?? {
    day: run.firstDay,
    policyRevision: Math.min(current, ...since.map((r) => r.revision)),
  };
  // Records may carry the expiry of any revision saved since: each one is compared, not only the first.
  const earlier = since.filter((r) => r.revision < current);
  let progress = resumed;
  if (!progress) {
    if (!earlier.some((r) => retentionChanged(r.policy, run.policy.policy, run.dataClass))) {
      const next = { ...base, policyRevision: current, rebucket: undefined };
      await store.save(next);
      return next;
    }
    const horizons = earlier.map((r) => expiryHorizon(r.policy, run.dataClass, run.now).getTime());
    progress = {
      fromRevision: base.policyRevision,
      toRevision: current,
      throughDay: utcDay(new Date(Math.max(...horizons))),
      shortened: 0,
      lengthened: 0,
      unchanged: 0,
      dueNow: 0,
    };
  }

  const impact = {
    ...emptyImpact({
      tenantId: run.tenantId,
      region: run.region,
      dataClass: run.dataClass,
      fromRevision: progress.fromRevision,
      toRevision: current,
    }),
    ...pickCounts(progress),
  };
  const records = run.deps.stores.storesFor(run.region).records;
  const today = utcDay(run.now);
  const buckets =
    progress.throughDay < today ? [] : bucketsThrough(run.tenantId, run.dataClass, today, progress.throughDay);
  const start = progress.bucket ? Math.max(0, buckets.indexOf(progress.bucket)) : 0;
  const everything = ttlEpochSeconds(new Date(`${progress.throughDay}T23:59:59.999Z`));
  let cursor = progress.cursor;
  let healthy = true;
  for (let i = start; i < buckets.length; i++) {
    do {
      const page = await records.queryDue(buckets[i], everything, { cursor, limit: run.pageSize });
      for (const key of page.items) {
        try {
          await rebucketOne(run, key, impact);
        } catch (error) {
          healthy = false;
          recordFailure(run, error, key);
        }
      }
      cursor = page.cursor;
      const at = cursor ? buckets[i] : buckets[i + 1];
      if (healthy) await store.save({ ...base, rebucket: { ...progress, ...pickCounts(impact), bucket: at, cursor } });
    } while (cursor);
  }
  run.out.policyChanges.push(impact);
  if (!healthy) return base;
  const next: SweepCheckpoint = { ...base, policyRevision: current, rebucket: undefined };
  await store.save(next);
  return next;
}

const pickCounts = (c: { shortened: number; lengthened: number; unchanged: number; dueNow: number }) => ({
  shortened: c.shortened,
  lengthened: c.lengthened,
  unchanged: c.unchanged,
  dueNow: c.dueNow,
});

async function rebucketOne(
  run: UnitRun,
  key: { pk: string; sk: string },
  impact: ReturnType<typeof emptyImpact>,
): Promise<void> {
  const records = run.deps.stores.storesFor(run.region).records;
  const item = await records.get(key, { consistent: true });
  const record = item && dueRecordOf(item);
  if (!item || !record || item[EXPIRY_REVISION] === run.policy.revision) return;
  const step = await replanExpiry(records, item, record, run.policy.policy, run.now);
  if (!step) return;
  countRebucket(impact, step, run.now);
  if (step.kind !== 'move' || run.dryRun) return;
  const expiresAt = ttlEpochSeconds(step.expiresAt);
  try {
    await records.update(
      key,
      {
        set: {
          expiresAt,
          expiryBucket: bucketForExpiry(run.tenantId, run.dataClass, expiresAt, `${key.pk}|${key.sk}`, run.now),
          [EXPIRY_REVISION]: run.policy.revision,
        },
      },
      { kind: 'matches', attributes: { expiresAt: record.expiresAt } },
    );
  } catch (error) {
    // Changed since it was read (deleted, swept, re-dated by a parallel run): nothing left to do here.
    if (!(error instanceof WriteConflict)) throw error;
    return;
  }
  await redateListingOf(run.deps, run.tenantId, item, expiresAt);
  if (expiresAt > record.expiresAt) await extendIndexEntries(records, key.pk, expiresAt);
}
