import { ulid } from 'ulid';
import type { AuditActor } from '../../domain/audit/entry';
import { conflict, notFound } from '../../domain/errors';
import { expiryInstant } from '../../domain/retention/expiry-instant';
import type { JobRunner } from '../../ports/job-runner';
import { WriteConflict } from '../../ports/write-conflict';
import { recordWhileTerminated, type PackageBuildDeps } from './build-package';
import { OFFBOARDING_SK, offboardingOf, type Offboarding, type OffboardingPackage } from './offboarding-record';
import { terminationView, type TerminationView } from './termination-view';

/**
 * A build still `building` after this long is taken for dead: no invocation of the offboarding
 * function runs longer than its 15-minute timeout. Terminating again then starts a new build.
 */
export const PACKAGE_BUILD_LIMIT_MS = 16 * 60_000;

/**
 * Contract termination (Inbenta: deletion within two months of the contract's end), the part that
 * must happen at once: the tenant is marked terminated, its API keys revoked (nothing new comes
 * in) and its deletion scheduled `policy.offboarding.graceDays` later, when the sweep purges it.
 * The export package of everything it holds is then started through `packageBuilds` (its own
 * invocation in AWS, build-package.ts) and answered as `building`; GET termination shows it ready.
 * Terminating again keeps the first termination's dates and starts a new package, unless one is
 * being built (then that one is answered).
 */
export async function terminateTenant(
  deps: PackageBuildDeps & { packageBuilds: JobRunner },
  request: { tenantId: string; actor: AuditActor; from: string },
): Promise<TerminationView> {
  const { tenantId } = request;
  const profile = await deps.directory.getProfile(tenantId);
  if (!profile) throw notFound(`Tenant ${tenantId}`);
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`The policy of tenant ${tenantId}`);
  const existing = await offboardingOf(deps.directory, tenantId);
  if (existing?.status === 'purged')
    throw conflict(
      `Tenant ${tenantId} was purged on ${existing.finalReport?.completedAt ?? 'an earlier date'}; there is nothing left to export.`,
    );
  if (existing?.status === 'purging')
    throw conflict(
      `The purge of tenant ${tenantId} has begun (its grace ended ${existing.purgeAfter}); no package can be built any more.`,
    );

  const now = deps.clock.now();
  const terminatedAt = existing ? new Date(existing.terminatedAt) : now;
  const policy = current.policy;
  const purgeAfter = expiryInstant(
    terminatedAt,
    { years: 0, months: 0, days: policy.offboarding.graceDays, hours: 0, minutes: 0, seconds: 0 },
    policy.timeZone,
  );
  await deps.directory.updateProfile(tenantId, { status: 'terminated', terminatedAt: terminatedAt.toISOString() });
  for (const key of await deps.directory.listApiKeys(tenantId)) await deps.directory.deleteApiKey(key.keyHash);

  if (existing && isBuilding(existing.package, now)) return terminationView(deps, existing);
  const building: OffboardingPackage = {
    status: 'building',
    requestId: ulid(now.getTime()),
    startedAt: now.toISOString(),
  };
  const offboarding: Offboarding = {
    tenantId,
    status: 'terminated',
    terminatedAt: terminatedAt.toISOString(),
    purgeAfter: purgeAfter.toISOString(),
    requestedBy: existing?.requestedBy ?? request.actor.user,
    package: building,
  };
  try {
    await deps.directory.putItem(
      { ...offboarding, sk: OFFBOARDING_SK },
      existing ? { kind: 'matches', attributes: { status: 'terminated' } } : { kind: 'absent' },
    );
  } catch (error) {
    if (error instanceof WriteConflict)
      throw conflict(
        `Tenant ${tenantId} changed while it was terminated (a purge or another termination); ask for its termination again.`,
      );
    throw error;
  }
  if (!existing)
    await deps.auditLog.append(tenantId, {
      at: now.toISOString(),
      actor: request.actor,
      action: 'tenant.terminate',
      from: request.from,
      details: { purgeAfter: offboarding.purgeAfter, packageRequestId: building.requestId },
    });
  return terminationView(deps, await startBuild(deps, offboarding));
}

const isBuilding = (pkg: OffboardingPackage, now: Date) =>
  pkg.status === 'building' && now.getTime() - Date.parse(pkg.startedAt) < PACKAGE_BUILD_LIMIT_MS;

/** Hands the build over; when it cannot be (Lambda refused the invocation), the package is recorded failed, to be started again by terminating again. */
async function startBuild(
  deps: PackageBuildDeps & { packageBuilds: JobRunner },
  offboarding: Offboarding,
): Promise<Offboarding> {
  const { tenantId } = offboarding;
  const { requestId } = offboarding.package;
  try {
    await deps.packageBuilds.start(tenantId, requestId);
    return offboarding;
  } catch (error) {
    deps.logger.warn('offboarding package not started', {
      tenantId,
      requestId,
      error: error instanceof Error ? error.name : 'unknown',
    });
    const failed: OffboardingPackage = {
      status: 'failed',
      requestId,
      reason: 'the package build could not be started; terminate the tenant again to retry',
      failedAt: deps.clock.now().toISOString(),
    };
    await recordWhileTerminated(deps, tenantId, failed);
    return { ...offboarding, package: failed };
  }
}
