import { DATA_CLASSES } from '../../domain/data-class';
import { counterPartition } from '../../domain/kpi/counter-key';
import { litigationPartition } from '../../domain/litigation/registry';
import { utcDay } from '../../domain/sweep/checkpoint';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import { SUBJECT_ENTRY_PREFIX } from '../../domain/sweep/record-keys';
import { regionsOfClass } from '../../domain/sweep/units';
import type { SweepFailure, SweepTallies } from '../../domain/sweep/summary';
import type { PolicyRevision, TenantProfile } from '../../ports/tenant-directory';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import { listingPartition } from '../admin/interaction-listing';
import { deleteUnderPrefix } from '../retention/content-objects';
import type { RetentionDeps } from '../retention/sweep-deps';
import { sweepUnit } from '../retention/sweep-unit';
import { OFFBOARDING_SK, offboardingOf, type FinalReport, type Offboarding, type OffboardingPackage } from './offboarding-record';
import { allPolicies } from '../retention/policy-revisions';
import { indexedItems, tenantBuckets, tenantListingDays, tenantMonths } from './tenant-buckets';

export { offboardingOf } from './offboarding-record';

/** Prefixes of a tenant's objects in a region's content bucket (docs/storage-layout.md). */
const contentPrefixes = (tenantId: string) => [`recording/${tenantId}/`, `transcript/${tenantId}/`, `upload/${tenantId}/`, `playback/${tenantId}/`];
/** Prefixes of a tenant's objects in a region's archive bucket: one per class. */
const archivePrefixes = (tenantId: string) => DATA_CLASSES.map((c) => `${c}/${tenantId}/`);

export interface PurgeRun {
  profile: TenantProfile;
  policy: PolicyRevision;
  offboarding: Offboarding;
  now: Date;
  shouldStop: () => boolean;
  out: { tallies: SweepTallies; failures: SweepFailure[]; policyChanges: PolicyChangeImpact[] };
}

/**
 * Deletes everything a terminated tenant holds once its grace has passed (Inbenta: deletion within
 * two months of contract end), in every region: every record the tenant's buckets can hold (a
 * sweep that deletes whatever the expiry, partitions with their subject-index entries, content and
 * archived objects, and data keys), its KPI counters month by month, every object under its
 * prefixes, and its audit chain; then counts again through the same queries and records the final report. Legal holds
 * still win, and sealed litigation batches keep their Object Lock retention: the report names both.
 * Resumable: a stopped purge goes on at the next sweep. The purge runs only once the grace has
 * passed, and then it does not wait for an export package still being built (the deletion deadline
 * wins): marking the tenant `purging` stops that build from ever being recorded, and the package
 * is recorded failed, saying why.
 */
export async function purgeTenant(deps: RetentionDeps, run: PurgeRun): Promise<boolean> {
  const { profile, policy, offboarding, now, out } = run;
  const tenantId = profile.tenantId;
  await markPurging(deps, tenantId, now);
  const policies = await allPolicies(deps.directory, tenantId);
  const holds = await listHolds(deps.directory, tenantId);
  let finished = true;
  const deployed = deps.stores.regions;
  for (const dataClass of DATA_CLASSES)
    for (const region of regionsOfClass(policies, dataClass).filter((r) => deployed.includes(r))) {
      if (run.shouldStop()) return false;
      const coverage = await loadHoldCoverage(deps.stores.storesFor(region).records, tenantId, holds);
      finished &&= await sweepUnit({
        deps,
        tenantId,
        policy,
        region,
        dataClass,
        now,
        firstDay: utcDay(new Date(profile.createdAt)),
        dryRun: false,
        offboarding: { buckets: tenantBuckets(profile, policies, dataClass, now) },
        coverage,
        pageSize: 100,
        shouldStop: run.shouldStop,
        out,
      });
    }
  const listingDays = tenantListingDays(policies, now);
  for (const region of deployed) {
    const stores = deps.stores.storesFor(region);
    // The admin archive's time index (`T#<t>#DAY#<day>`): found by day, not through byExpiry.
    if (regionsOfClass(policies, 'interaction').includes(region)) for (const day of listingDays) await stores.records.deletePartition(listingPartition(tenantId, day));
    for (const month of tenantMonths(profile, now)) {
      const deleted = await stores.aggregates.deletePartition(counterPartition(tenantId, month));
      if (deleted) out.tallies.count(tenantId, 'aggregate', region, 'deleted', deleted);
    }
    for (const prefix of contentPrefixes(tenantId)) await deleteUnderPrefix(stores.content, prefix);
    for (const prefix of archivePrefixes(tenantId)) await deleteUnderPrefix(stores.archive, prefix);
  }
  if (!finished) return false;
  await deps.auditLog.destroy(tenantId);

  const finalReport = await countWhatIsLeft(deps, profile, policies, now);
  const left = Object.entries(finalReport.remaining).filter(([, n]) => n > 0);
  if (left.length) {
    // Not done until nothing is left: the next sweep tries again (and this one says why).
    out.failures.push({ tenantId, region: deps.config.homeRegion, dataClass: 'interaction', reason: `purge incomplete: ${left.map(([what, n]) => `${n} ${what}`).join(', ')} left` });
    return false;
  }
  for (const prefix of ['SWEEP#', 'PURGE#', 'RESTRICTION#']) await deleteTenantItems(deps, tenantId, prefix);
  const current = (await offboardingOf(deps.directory, tenantId)) ?? offboarding;
  await deps.directory.putItem({ ...current, sk: OFFBOARDING_SK, status: 'purged', finalReport });
  deps.logger.info('tenant purged', { tenantId, remaining: finalReport.remaining, retained: finalReport.retained });
  return true;
}

/** The tenant leaves `terminated` for `purging`; a package still being built will never be complete now. */
async function markPurging(deps: Pick<RetentionDeps, 'directory'>, tenantId: string, now: Date): Promise<void> {
  const marked = (await deps.directory.updateItem(tenantId, OFFBOARDING_SK, { set: { status: 'purging' } })) as unknown as Offboarding;
  if (marked.package.status !== 'building') return;
  const failed: OffboardingPackage = {
    status: 'failed',
    requestId: marked.package.requestId,
    reason: 'the grace ended before the package was ready; the purge has begun',
    failedAt: now.toISOString(),
  };
  await deps.directory.updateItem(tenantId, OFFBOARDING_SK, { set: { package: failed } });
}

/**
 * The final count, through the very queries that found the tenant's data: index hits per bucket
 * (held records and locked litigation batches apart), subject-index entries in any partition still
 * there, counter partitions, and object listings under the tenant's prefixes.
 */
export async function countWhatIsLeft(deps: Pick<RetentionDeps, 'stores' | 'directory'>, profile: TenantProfile, policies: Parameters<typeof tenantBuckets>[1], now: Date): Promise<FinalReport> {
  const tenantId = profile.tenantId;
  const remaining = { records: 0, indexEntries: 0, contentObjects: 0, archiveObjects: 0, aggregates: 0 };
  const retained: FinalReport['retained'] = { litigationBatches: 0, heldRecords: 0 };
  const holds = await listHolds(deps.directory, tenantId);
  const deployed = deps.stores.regions;
  for (const region of deployed) {
    const stores = deps.stores.storesFor(region);
    const coverage = await loadHoldCoverage(stores.records, tenantId, holds);
    const partitions = new Set<string>();
    for (const dataClass of DATA_CLASSES) {
      if (!regionsOfClass(policies, dataClass).includes(region)) continue;
      for await (const hit of indexedItems(stores.records, tenantBuckets(profile, policies, dataClass, now))) {
        if (hit.pk === litigationPartition(tenantId)) {
          retained.litigationBatches++;
          const until = new Date(hit.expiresAt * 1000).toISOString();
          if (!retained.litigationRetainedUntil || until > retained.litigationRetainedUntil) retained.litigationRetainedUntil = until;
        } else if (coverage.holdsOn(hit.pk).length) retained.heldRecords++;
        else {
          remaining.records++;
          partitions.add(hit.pk);
        }
      }
    }
    for (const pk of partitions) remaining.indexEntries += (await stores.records.queryPartition(pk, { skPrefix: SUBJECT_ENTRY_PREFIX, consistent: true })).items.length;
    for (const month of tenantMonths(profile, now))
      remaining.aggregates += (await stores.aggregates.queryRange(counterPartition(tenantId, month), '0000', '9999', { limit: 1000 })).items.length;
    for (const prefix of contentPrefixes(tenantId)) remaining.contentObjects += (await stores.content.listKeys(prefix, { limit: 1000 })).items.length;
    for (const prefix of archivePrefixes(tenantId)) remaining.archiveObjects += (await stores.archive.listKeys(prefix, { limit: 1000 })).items.length;
  }
  // Every partition's data key is destroyed before its items (deletePartition): none is left when no record is.
  return { completedAt: now.toISOString(), remaining, retained, dataKeysShredded: remaining.records === 0 };
}

async function deleteTenantItems(deps: Pick<RetentionDeps, 'directory'>, tenantId: string, prefix: string): Promise<void> {
  for (;;) {
    const page = await deps.directory.queryItems(tenantId, prefix, { limit: 100 });
    if (!page.items.length) return;
    for (const item of page.items) await deps.directory.deleteItem(tenantId, item.sk);
  }
}
