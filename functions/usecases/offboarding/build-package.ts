import { createHash } from 'node:crypto';
import { DATA_CLASSES } from '../../domain/data-class';
import { newCopy, tenantCopiesPartition } from '../../domain/copies/derived-copy';
import { LetheError, notFound } from '../../domain/errors';
import { registerCopy } from '../copies/copy-registry';
import type { ContentStore } from '../../ports/content-store';
import { WriteConflict } from '../../ports/write-conflict';
import type { RetentionDeps } from '../retention/sweep-deps';
import { allPolicies } from '../retention/policy-revisions';
import { tenantPackage } from './export-package';
import {
  OFFBOARDING_SK,
  offboardingOf,
  offboardingPackageKey,
  type Offboarding,
  type OffboardingPackage,
} from './offboarding-record';

export type PackageBuildDeps = RetentionDeps & { exports: ContentStore };

/**
 * The job a termination starts: builds the tenant's export package for the build `requestId` the
 * termination recorded, writes it to the exports bucket and records it `ready` on the OFFBOARDING
 * item. Safe to run again: a build that is ready already, or was superseded by a later
 * termination, is left alone; a failed one is rebuilt. It never outlives the tenant's data: once
 * the purge has begun (status no longer `terminated`) nothing is built or recorded, and a package
 * finished after that is deleted instead of recorded, since it may miss what the purge took.
 * A failure is recorded (a reason without personal data) and thrown, so the invocation is retried.
 */
export async function buildTenantPackage(
  deps: PackageBuildDeps,
  tenantId: string,
  requestId: string,
): Promise<Offboarding> {
  const offboarding = await offboardingOf(deps.directory, tenantId);
  if (!offboarding) throw notFound(`The termination of tenant ${tenantId}`);
  const current = offboarding.package;
  if (offboarding.status !== 'terminated' || current.requestId !== requestId || current.status === 'ready') {
    deps.logger.info('offboarding package build skipped', {
      tenantId,
      requestId,
      status: offboarding.status,
      package: current.status,
      current: current.requestId,
    });
    return offboarding;
  }
  const profile = await deps.directory.getProfile(tenantId);
  if (!profile) throw notFound(`Tenant ${tenantId}`);
  const key = offboardingPackageKey(tenantId, requestId);
  try {
    const now = deps.clock.now();
    const built = await tenantPackage(deps, {
      profile,
      policies: await allPolicies(deps.directory, tenantId),
      requestId,
      now,
    });
    // It holds the whole tenant: registered tenant-wide, so an erasure of any subject during the grace deletes it.
    await registerCopy(
      deps,
      tenantId,
      [tenantCopiesPartition(tenantId)],
      newCopy(
        'offboarding',
        { bucket: 'exports', region: deps.exports.region, objectKey: key, contains: [...DATA_CLASSES] },
        now,
      ),
    );
    await deps.exports.put(key, built.zip, { contentType: 'application/zip' });
    const ready: OffboardingPackage = {
      status: 'ready',
      requestId,
      key,
      records: built.records,
      manifestSha256: createHash('sha256').update(built.manifest).digest('hex'),
      builtAt: deps.clock.now().toISOString(),
    };
    if (await recordWhileTerminated(deps, tenantId, ready)) {
      deps.logger.info('offboarding package ready', { tenantId, requestId, records: built.records });
      return { ...offboarding, package: ready };
    }
    await deps.exports.deleteAllVersions(key);
    deps.logger.warn('offboarding package dropped: the purge began while it was built', { tenantId, requestId });
    return (await offboardingOf(deps.directory, tenantId)) ?? offboarding;
  } catch (error) {
    const failed: OffboardingPackage = {
      status: 'failed',
      requestId,
      reason: failureReason(error),
      failedAt: deps.clock.now().toISOString(),
    };
    await recordWhileTerminated(deps, tenantId, failed);
    deps.logger.warn('offboarding package failed', { tenantId, requestId, reason: failed.reason });
    throw error;
  }
}

/** Records the package state unless the purge has begun (then false: a purging or purged tenant is never written back). */
export async function recordWhileTerminated(
  deps: Pick<RetentionDeps, 'directory'>,
  tenantId: string,
  state: OffboardingPackage,
): Promise<boolean> {
  try {
    await deps.directory.updateItem(
      tenantId,
      OFFBOARDING_SK,
      { set: { package: state } },
      { kind: 'matches', attributes: { status: 'terminated' } },
    );
    return true;
  } catch (error) {
    if (error instanceof WriteConflict) return false;
    throw error;
  }
}

/** What went wrong, without anything the error may quote from the data: our own errors' messages, otherwise the error's name. */
function failureReason(error: unknown): string {
  if (error instanceof LetheError) return error.message;
  const name = error instanceof Error ? error.name : 'unknown error';
  return `the build stopped (${name}); it is retried, or terminate the tenant again to start a new build`;
}
