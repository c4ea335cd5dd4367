import { SWEEP_HISTORY_PREFIX } from '../../domain/sweep/history';
import { DATA_CLASSES } from '../../domain/data-class';
import { utcDay } from '../../domain/sweep/checkpoint';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import { regionsOfClass } from '../../domain/sweep/units';
import type { SweepFailure, SweepTallies } from '../../domain/sweep/summary';
import type { PolicyRevision, TenantProfile } from '../../ports/tenant-directory';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import { deleteUnderPrefix } from '../records/content-objects';
import type { RetentionDeps } from '../retention/sweep-deps';
import { sweepUnit } from '../retention/sweep-unit';
import { OFFBOARDING_SK, offboardingOf, type Offboarding, type OffboardingPackage } from './offboarding-record';
import { allPolicies } from '../retention/policy-revisions';
import { tenantBuckets } from './tenant-buckets';
import { archivePrefixes, contentPrefixes, countWhatIsLeft, heldOfTenant, purgeLeftovers } from './tenant-leftovers';
import { RECIPIENT_SECRET_PREFIX } from '../recipients/recipient-secrets';

export { offboardingOf } from './offboarding-record';

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
 * archived objects, and data keys), every object under its prefixes, then whatever a scan of the
 * tables still finds (KPI counters of any date among them) and its packages in the exports bucket,
 * and its audit chain; then counts again, independently (tenant-leftovers.ts), and records the final report. Legal holds
 * still win on every store (held partitions' records, keys, objects and copies, and the audit chain
 * stay; the tenant stays `purging`, the report naming the holds, until they are released), and
 * sealed litigation batches keep their Object Lock retention: the report names both.
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
  // Objects go by prefix, but those of held partitions (and their copies) stay: the holds' coverage decides, as for the records.
  const held = await heldOfTenant(deps, tenantId);
  for (const region of deployed) {
    const stores = deps.stores.storesFor(region);
    for (const prefix of contentPrefixes(tenantId)) await deleteUnderPrefix(stores.content, prefix, held.keepsObject);
    for (const prefix of archivePrefixes(tenantId)) await deleteUnderPrefix(stores.archive, prefix, held.keepsObject);
  }
  if (!finished) return false;
  for (const [region, deleted] of await purgeLeftovers(deps, tenantId))
    out.tallies.count(tenantId, 'aggregate', region, 'deleted', deleted);
  // The audit chain goes last, and only once no hold keeps anything of the tenant.
  if (!(await heldOfTenant(deps, tenantId)).holdIds.length) await deps.auditLog.destroy(tenantId);

  const finalReport = await countWhatIsLeft(deps, tenantId, now);
  const left = Object.entries(finalReport.remaining).filter(([, n]) => n > 0);
  if (left.length) {
    // Not done until nothing is left: the next sweep tries again (and this one says why).
    out.failures.push({
      tenantId,
      region: deps.config.homeRegion,
      dataClass: 'interaction',
      reason: `purge incomplete: ${left.map(([what, n]) => `${n} ${what}`).join(', ')} left`,
    });
    return false;
  }
  if (finalReport.heldBy) {
    // Legal holds beat the purge: the tenant stays `purging`, the report names the holds, and each later sweep purges again until they are released.
    const current = (await offboardingOf(deps.directory, tenantId)) ?? offboarding;
    await deps.directory.putItem({ ...current, sk: OFFBOARDING_SK, status: 'purging', finalReport });
    deps.logger.info('tenant purge held', { tenantId, heldBy: finalReport.heldBy, retained: finalReport.retained });
    return true;
  }
  // The recipients' webhook secrets go too: nothing is sent for a purged tenant (a notice still due ends failed).
  for (const prefix of ['SWEEP#', SWEEP_HISTORY_PREFIX, 'PURGE#', 'RESTRICTION#', 'STANDING#', RECIPIENT_SECRET_PREFIX])
    await deleteTenantItems(deps, tenantId, prefix);
  const current = (await offboardingOf(deps.directory, tenantId)) ?? offboarding;
  await deps.directory.putItem({ ...current, sk: OFFBOARDING_SK, status: 'purged', finalReport });
  deps.logger.info('tenant purged', { tenantId, remaining: finalReport.remaining, retained: finalReport.retained });
  return true;
}

/** The tenant leaves `terminated` for `purging`; a package still being built will never be complete now. */
async function markPurging(deps: Pick<RetentionDeps, 'directory'>, tenantId: string, now: Date): Promise<void> {
  const marked = (await deps.directory.updateItem(tenantId, OFFBOARDING_SK, {
    set: { status: 'purging' },
  })) as unknown as Offboarding;
  if (marked.package.status !== 'building') return;
  const failed: OffboardingPackage = {
    status: 'failed',
    requestId: marked.package.requestId,
    reason: 'the grace ended before the package was ready; the purge has begun',
    failedAt: now.toISOString(),
  };
  await deps.directory.updateItem(tenantId, OFFBOARDING_SK, { set: { package: failed } });
}

async function deleteTenantItems(
  deps: Pick<RetentionDeps, 'directory'>,
  tenantId: string,
  prefix: string,
): Promise<void> {
  for (;;) {
    const page = await deps.directory.queryItems(tenantId, prefix, { limit: 100 });
    if (!page.items.length) return;
    for (const item of page.items) await deps.directory.deleteItem(tenantId, item.sk);
  }
}
