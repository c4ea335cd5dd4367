import { notFound } from '../../domain/errors';
import { holdsOnBatch, type HoldCoverage } from '../../domain/holds/coverage';
import { isActiveHold, type LegalHold } from '../../domain/holds/hold';
import { BATCH_PREFIX, litigationPartition } from '../../domain/litigation/registry';
import { allPages } from '../records/pages';
import { markHeldSubject } from '../subject-markers/held-subject-markers';
import { loadHoldCoverage } from './hold-coverage';
import { holdOf, holdSortKey, listHolds } from './hold-records';
import type { HoldActor, HoldDeps } from './hold-deps';
import { partitionsOfHold } from './hold-partitions';
import { releaseBatchEntry, releasePartition } from './hold-protection';

export interface ReleasedHold extends LegalHold {
  /** Items given their expiry back; those past it are due at the next sweep. */
  itemsResumed: number;
}

/**
 * Releases a hold: the record of it stays (who held what, why, from when to when). What it
 * covered and no other active hold still covers is due again: see `resumeRetention`.
 * Releasing a released hold changes nothing. Written to the audit log.
 */
export async function releaseHold(deps: HoldDeps, actor: HoldActor, holdId: string): Promise<ReleasedHold> {
  const stored = await deps.directory.getItem(actor.tenantId, holdSortKey(holdId), { consistent: true });
  if (!stored) throw notFound(`Hold ${holdId}`);
  const current = holdOf(stored);
  if (!isActiveHold(current)) return { ...current, itemsResumed: 0 };
  const now = deps.clock.now();
  const releasedAt = now.toISOString();
  // First, so nothing is written held after the release has resumed what the hold kept.
  await markHeldSubject(deps.directory, current, true);
  const after = holdOf(
    await deps.directory.updateItem(
      actor.tenantId,
      holdSortKey(holdId),
      { set: { releasedAt, releasedBy: actor.userId } },
      { kind: 'present' },
    ),
  );
  // A rectification may have carried the hold to a corrected key meanwhile (carry-holds.ts): lift that marker too.
  if (JSON.stringify(after.target) !== JSON.stringify(current.target))
    await markHeldSubject(deps.directory, after, true);
  const released: LegalHold = { ...current, target: after.target, releasedAt, releasedBy: actor.userId };
  const itemsResumed = await resumeRetention(deps, released, now);
  await deps.auditLog.append(actor.tenantId, {
    at: now.toISOString(),
    actor: { user: actor.userId, role: actor.role, support: actor.support },
    action: 'legal-hold.release',
    ...(released.target.kind === 'interaction' ? { interactionId: released.target.interactionId } : {}),
    from: actor.from,
    details: { holdId, itemsResumed },
  });
  deps.metrics.count('HoldsReleased', 1);
  await deps.afterRelease?.(released);
  return { ...released, itemsResumed };
}

/**
 * Makes what a released hold covered due again (issue 4: "release makes them due again"): every
 * partition it covered that no other active hold covers gets its items' expiries back, as the
 * current policy sets them (`releasePartition`), and those already past go to today's bucket, so
 * the next sweep applies their retention. Other code that deferred work to a hold's release
 * (issue 5: erasures blocked by the hold) calls this too, or runs after it. Returns how many items
 * were resumed.
 */
export async function resumeRetention(
  deps: Pick<HoldDeps, 'stores' | 'directory'>,
  released: LegalHold,
  now: Date,
): Promise<number> {
  const others = (await listHolds(deps.directory, released.tenantId)).filter((h) => h.holdId !== released.holdId);
  // Expiries come back as the policy in force now sets them: a change saved during the hold applies.
  const policy = await deps.directory.currentPolicy(released.tenantId);
  let resumed = 0;
  // What the other holds still keep, through the coverage every deletion asks (hold-guard.ts), per region.
  const stillCovered = new Map<string, HoldCoverage>();
  for (const region of deps.stores.regions)
    stillCovered.set(region, await loadHoldCoverage(deps.stores.storesFor(region).records, released.tenantId, others));
  for (const { region, pk } of await partitionsOfHold(deps.stores, released)) {
    if (stillCovered.get(region)?.holdsOn(pk).length) continue;
    resumed += await releasePartition(deps, { region, tenantId: released.tenantId, pk }, policy, now);
  }
  return resumed + (await releaseUncoveredBatches(deps, released.tenantId, others, now));
}

/**
 * Litigation batches the sweep kept for a hold are registry entries of one shared partition, not
 * partitions of the hold: each kept batch that no other active hold covers (through its members
 * or its subject links) gets its retention end back. A tenant has few batches: one Query per region.
 */
async function releaseUncoveredBatches(
  deps: Pick<HoldDeps, 'stores'>,
  tenantId: string,
  others: readonly LegalHold[],
  now: Date,
): Promise<number> {
  let released = 0;
  for (const region of deps.stores.regions) {
    const records = deps.stores.storesFor(region).records;
    const entries = await allPages((cursor) =>
      records.queryPartition(litigationPartition(tenantId), { skPrefix: BATCH_PREFIX, cursor, consistent: true }),
    );
    const kept = entries.filter((e) => typeof e.heldExpiresAt === 'number');
    if (!kept.length) continue;
    const coverage = await loadHoldCoverage(records, tenantId, others);
    for (const entry of kept)
      if (!holdsOnBatch(coverage, tenantId, entry).length && (await releaseBatchEntry(records, tenantId, entry, now)))
        released++;
  }
  return released;
}
