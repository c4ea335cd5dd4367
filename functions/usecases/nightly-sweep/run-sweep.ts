import { DATA_CLASSES, type DataClass } from '../../domain/data-class';
import { notFound } from '../../domain/errors';
import type { HoldCoverage } from '../../domain/holds/coverage';
import type { TenantPolicy } from '../../domain/policy/schema';
import { utcDay } from '../../domain/sweep/checkpoint';
import { firstSweepDay, regionsOfClass } from '../../domain/sweep/units';
import type { PolicyChangeImpact } from '../../domain/sweep/policy-impact';
import { SweepTallies, type SweepFailure, type SweepReport } from '../../domain/sweep/summary';
import type { PolicyRevision, TenantProfile } from '../../ports/tenant-directory';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import { offboardingOf } from '../offboarding/offboarding-record';
import { purgeTenant } from '../offboarding/purge-tenant';
import { allPolicies } from '../retention/policy-revisions';
import { sweepAggregates } from '../retention/sweep-aggregates';
import type { RetentionDeps } from '../retention/sweep-deps';
import { sweepUnit } from '../retention/sweep-unit';
import { recordSweepHistory, type SweptTenant } from '../retention/sweep-history';

export interface SweepOptions {
  /** Only this tenant (else every tenant of the directory). */
  tenantId?: string;
  /** Count what would happen; write nothing, move no checkpoint. */
  dryRun?: boolean;
  /** The instant to sweep as of (default: the clock). */
  now?: Date;
  /** Due records read per page (default 100). */
  pageSize?: number;
  /** Go on after this unit (`nextUnit` of an earlier, stopped run). */
  after?: string;
  /** Checked between pages and units: true stops the run; checkpoints and `nextUnit` keep the place. */
  shouldStop?: () => boolean;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepProgress {
  /** Units (tenant × region × class, or a tenant's purge) finished, of all units of this run. */
  unitsDone: number;
  unitsTotal: number;
  /** Records handled so far. */
  records: number;
  unit: string;
}

/** The report of one call: stopped early, it says where to go on. */
export interface SweepRun extends SweepReport {
  unitsDone: number;
  unitsTotal: number;
  /** Pass as `after` to go on; absent when every unit was reached. */
  nextUnit?: string;
}

interface Unit {
  key: string;
  tenant: TenantWork;
  /** Undefined for a terminated tenant's purge and for its audit chain (home region). */
  region?: string;
  dataClass?: DataClass | 'aggregate-months' | 'audit-chain';
}

interface TenantWork {
  profile: TenantProfile;
  policy: PolicyRevision;
  /** Every revision, newest first: records may carry expiries and regions any of them gave. */
  policies: TenantPolicy[];
  purge: boolean;
}

type Out = { tallies: SweepTallies; failures: SweepFailure[]; policyChanges: PolicyChangeImpact[] };

const describe = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/**
 * The nightly retention sweep (issue 4): for every tenant × region × class, applies the post-expiry
 * action of the tenant policy to what is due, seals first what the litigation archive must keep,
 * skips what legal holds keep, and re-dates records after a policy change; prunes expired audit
 * entries; sweeps KPI counters by month; purges a terminated tenant whose grace has passed.
 * Idempotent and resumable through per-unit checkpoints; a failure in one record or unit is
 * reported and never stops the others.
 */
export async function runSweep(deps: RetentionDeps, options: SweepOptions = {}): Promise<SweepRun> {
  const now = options.now ?? deps.clock.now();
  const dryRun = options.dryRun ?? false;
  const shouldStop = options.shouldStop ?? (() => false);
  const out: Out = { tallies: new SweepTallies(), failures: [], policyChanges: [] };
  const units = unitsOf(await tenantsToSweep(deps, options.tenantId, now), deps.stores.regions);
  const start = options.after ? units.findIndex((u) => u.key === options.after) + 1 : 0;
  let records = 0;
  let complete = true;
  const holdsOf = memo((tenantId: string) => listHolds(deps.directory, tenantId));
  const coverageOf = memo(async (tenantRegion: string) => {
    const [tenantId, region] = tenantRegion.split('/');
    return loadHoldCoverage(deps.stores.storesFor(region).records, tenantId, await holdsOf(tenantId));
  });

  for (let i = start; i < units.length; i++) {
    const unit = units[i];
    if (shouldStop()) return finish(i, units[i - 1]?.key);
    const onRecord = () => {
      records++;
      options.onProgress?.({ unitsDone: i, unitsTotal: units.length, records, unit: unit.key });
    };
    try {
      const finished = await runUnit(unit, onRecord);
      complete &&= finished;
      // Stopped inside this unit: the next call starts with it again (its checkpoint keeps the place).
      if (!finished && shouldStop()) return finish(i, units[i - 1]?.key);
    } catch (error) {
      complete = false;
      const { tenantId } = unit.tenant.profile;
      const dataClass: DataClass =
        unit.dataClass === 'aggregate-months'
          ? 'aggregate'
          : unit.dataClass === 'audit-chain'
            ? 'audit'
            : (unit.dataClass ?? 'interaction');
      out.tallies.count(tenantId, dataClass, unit.region ?? deps.config.homeRegion, 'failed');
      out.failures.push({
        tenantId,
        region: unit.region ?? deps.config.homeRegion,
        dataClass,
        reason: describe(error),
      });
      deps.logger.error('sweep unit failed', { unit: unit.key, error: describe(error) });
    }
    options.onProgress?.({ unitsDone: i + 1, unitsTotal: units.length, records, unit: unit.key });
  }
  return finish(units.length);

  /** The report, kept in the sweep history of each tenant the run worked on (a dry run keeps none). */
  async function finish(done: number, lastKey?: string): Promise<SweepRun> {
    const run = report(done, lastKey);
    if (!dryRun) await recordSweepHistory(deps, run, sweptTenants(units, start, done, run));
    return run;
  }

  /** `done` units were reached; a stopped run goes on after `lastKey`. */
  function report(done: number, lastKey?: string): SweepRun {
    const stopped = done < units.length;
    return {
      now: now.toISOString(),
      dryRun,
      rows: out.tallies.sorted(),
      policyChanges: out.policyChanges,
      failures: out.failures,
      complete: complete && !stopped && out.failures.length === 0,
      unitsDone: done,
      unitsTotal: units.length,
      ...(stopped ? { nextUnit: lastKey ?? options.after ?? '' } : {}),
    };
  }

  async function runUnit(unit: Unit, onRecord: () => void): Promise<boolean> {
    const { profile, policy, policies } = unit.tenant;
    const tenantId = profile.tenantId;
    const createdAt = new Date(profile.createdAt);
    if (unit.dataClass === 'audit-chain') {
      if (!dryRun) await pruneAudit(tenantId);
      return true;
    }
    if (!unit.region || !unit.dataClass) {
      const offboarding = await offboardingOf(deps.directory, tenantId);
      if (dryRun || !offboarding || offboarding.status === 'purged') return true;
      return purgeTenant(deps, { profile, policy, offboarding, now, shouldStop, out });
    }
    if (unit.dataClass === 'aggregate-months') {
      await sweepAggregates(deps, {
        tenantId,
        policy: policy.policy,
        region: unit.region,
        now,
        firstDay: utcDay(createdAt),
        dryRun,
        out,
      });
      return true;
    }
    const coverage: HoldCoverage = await coverageOf(`${tenantId}/${unit.region}`);
    return sweepUnit({
      deps,
      tenantId,
      policy,
      region: unit.region,
      dataClass: unit.dataClass,
      now,
      firstDay: firstSweepDay(policies, unit.dataClass, createdAt),
      dryRun,
      coverage,
      pageSize: options.pageSize ?? 100,
      // A dry run keeps no checkpoint to go on from: it stops between units only.
      shouldStop: dryRun ? () => false : shouldStop,
      onRecord,
      out,
    });
  }

  /** Audit entries past the audit retention go oldest first, so the chain stays verifiable. */
  async function pruneAudit(tenantId: string): Promise<void> {
    const pruned = await deps.auditLog.pruneExpired(tenantId);
    out.tallies.count(tenantId, 'audit', deps.config.homeRegion, 'due', pruned);
    out.tallies.count(tenantId, 'audit', deps.config.homeRegion, 'deleted', pruned);
  }
}

/**
 * The tenants a run worked on (a unit from `start` on reached, or a count or failure of theirs in
 * the report, from a unit it stopped inside), each reached when every unit of theirs is before
 * `done`. A purged tenant keeps no history: its directory items are gone.
 */
function sweptTenants(
  units: readonly Unit[],
  start: number,
  done: number,
  run: Pick<SweepRun, 'rows' | 'failures'>,
): SweptTenant[] {
  const touched = new Set([
    ...units.slice(start, done).map((u) => u.tenant.profile.tenantId),
    ...run.rows.map((r) => r.tenantId),
    ...run.failures.map((f) => f.tenantId),
  ]);
  const last = new Map(units.map((u, i) => [u.tenant.profile.tenantId, i]));
  const purged = new Set(units.filter((u) => u.tenant.purge).map((u) => u.tenant.profile.tenantId));
  return [...touched]
    .filter((tenantId) => !purged.has(tenantId) && last.has(tenantId))
    .map((tenantId) => ({ tenantId, reached: (last.get(tenantId) ?? 0) < done }));
}

/** Every unit of work, in a stable order: a tenant's purge, or its audit chain, classes × regions and counter months. */
function unitsOf(tenants: readonly TenantWork[], deployed: readonly string[]): Unit[] {
  const served = (policies: readonly TenantPolicy[], dataClass: DataClass) =>
    regionsOfClass(policies, dataClass).filter((r) => deployed.includes(r));
  return tenants.flatMap((tenant): Unit[] => {
    const id = tenant.profile.tenantId;
    if (tenant.purge) return [{ key: `${id}/purge`, tenant }];
    return [
      { key: `${id}/audit-chain`, tenant, dataClass: 'audit-chain' as const },
      ...DATA_CLASSES.flatMap((dataClass) =>
        served(tenant.policies, dataClass).map((region) => ({
          key: `${id}/${region}/${dataClass}`,
          tenant,
          region,
          dataClass,
        })),
      ),
      ...served(tenant.policies, 'aggregate').map((region) => ({
        key: `${id}/${region}/aggregate-months`,
        tenant,
        region,
        dataClass: 'aggregate-months' as const,
      })),
    ];
  });
}

async function tenantsToSweep(deps: RetentionDeps, only: string | undefined, now: Date): Promise<TenantWork[]> {
  const profiles: TenantProfile[] = [];
  if (only) {
    const profile = await deps.directory.getProfile(only);
    if (!profile) throw notFound(`Tenant ${only}`);
    profiles.push(profile);
  } else {
    let cursor: string | undefined;
    do {
      const page = await deps.directory.listTenants({ cursor });
      profiles.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
  }
  const work: TenantWork[] = [];
  for (const profile of profiles) {
    const policy = await deps.directory.currentPolicy(profile.tenantId);
    if (!policy) continue;
    const policies = await allPolicies(deps.directory, profile.tenantId);
    // During the grace the tenant is swept as usual; after it, it is purged.
    const offboarding =
      profile.status === 'terminated' ? await offboardingOf(deps.directory, profile.tenantId) : undefined;
    work.push({
      profile,
      policy,
      policies,
      purge: offboarding !== undefined && new Date(offboarding.purgeAfter) <= now,
    });
  }
  return work;
}

function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) cache.set(key, (value = load(key)));
    return value;
  };
}
