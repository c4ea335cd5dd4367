import { ulid } from 'ulid';
import type { AuditActor } from '../../domain/audit/entry';
import { conflict, notFound } from '../../domain/errors';
import { expiryInstant } from '../../domain/retention/expiry-instant';
import type { ContentStore } from '../../ports/content-store';
import type { RetentionDeps } from '../retention/sweep-deps';
import { tenantPackage } from './export-package';
import { OFFBOARDING_SK, offboardingOf, type Offboarding } from './offboarding-record';
import { allPolicies } from '../retention/policy-revisions';

/** How long the package's download link works; the exports bucket's lifecycle removes it after 7 days. */
export const PACKAGE_URL_SECONDS = 3600;

export interface TerminationResult {
  tenantId: string;
  terminatedAt: string;
  /** The sweep deletes everything the tenant holds from then on. */
  purgeAfter: string;
  package: { key: string; url: string; urlExpiresAt: string; records: number };
}

/**
 * Contract termination (Inbenta: deletion within two months of the contract's end): the tenant is
 * marked terminated and its API keys revoked (nothing new comes in), a package of everything it
 * holds is written to the exports bucket behind a short-lived link, and its deletion is scheduled
 * `policy.offboarding.graceDays` later, when the sweep purges it. Terminating again re-issues the
 * package and keeps the first termination's dates.
 */
export async function terminateTenant(
  deps: RetentionDeps & { exports: ContentStore },
  request: { tenantId: string; actor: AuditActor; from: string },
): Promise<TerminationResult> {
  const { tenantId } = request;
  const profile = await deps.directory.getProfile(tenantId);
  if (!profile) throw notFound(`Tenant ${tenantId}`);
  const current = await deps.directory.currentPolicy(tenantId);
  if (!current) throw notFound(`The policy of tenant ${tenantId}`);
  const existing = await offboardingOf(deps.directory, tenantId);
  if (existing?.status === 'purged') throw conflict(`Tenant ${tenantId} was purged on ${existing.finalReport?.completedAt ?? 'an earlier date'}; there is nothing left to export.`);

  const now = deps.clock.now();
  const terminatedAt = existing ? new Date(existing.terminatedAt) : now;
  const policy = current.policy;
  const purgeAfter = expiryInstant(terminatedAt, { years: 0, months: 0, days: policy.offboarding.graceDays, hours: 0, minutes: 0, seconds: 0 }, policy.timeZone);
  await deps.directory.updateProfile(tenantId, { status: 'terminated', terminatedAt: terminatedAt.toISOString() });
  for (const key of await deps.directory.listApiKeys(tenantId)) await deps.directory.deleteApiKey(key.keyHash);

  const requestId = ulid(now.getTime());
  const built = await tenantPackage(deps, { profile, policies: await allPolicies(deps.directory, tenantId), requestId, now });
  const key = `offboarding/${tenantId}/${requestId}.zip`;
  await deps.exports.put(key, built.zip, { contentType: 'application/zip' });
  const url = await deps.exports.presignGet(key, PACKAGE_URL_SECONDS, { downloadName: `lethe-${tenantId}.zip` });

  const offboarding: Offboarding = {
    tenantId,
    status: 'terminated',
    terminatedAt: terminatedAt.toISOString(),
    purgeAfter: purgeAfter.toISOString(),
    requestedBy: existing?.requestedBy ?? request.actor.user,
    packageKey: key,
  };
  await deps.directory.putItem({ ...offboarding, sk: OFFBOARDING_SK });
  if (!existing)
    await deps.auditLog.append(tenantId, {
      at: now.toISOString(),
      actor: request.actor,
      action: 'tenant.terminate',
      from: request.from,
      details: { purgeAfter: offboarding.purgeAfter, records: built.records },
    });
  return {
    tenantId,
    terminatedAt: offboarding.terminatedAt,
    purgeAfter: offboarding.purgeAfter,
    package: { key, url, urlExpiresAt: new Date(now.getTime() + PACKAGE_URL_SECONDS * 1000).toISOString(), records: built.records },
  };
}
