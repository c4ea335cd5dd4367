import type { Clock } from '../../ports/clock';
import type { ContentStore } from '../../ports/content-store';
import type { Offboarding, OffboardingPackage } from './offboarding-record';

/** How long the package's download link works; the exports bucket's lifecycle removes the package after 7 days. */
export const PACKAGE_URL_SECONDS = 3600;

type ReadyPackage = Extract<OffboardingPackage, { status: 'ready' }>;
export type PackageView =
  | Exclude<OffboardingPackage, ReadyPackage>
  | (ReadyPackage & { url: string; urlExpiresAt: string });

/** A termination as the operator API answers it: the record, and a fresh short-lived link once the package is ready. */
export type TerminationView = Omit<Offboarding, 'package'> & { package: PackageView };

export async function terminationView(
  deps: { exports: ContentStore; clock: Clock },
  offboarding: Offboarding,
): Promise<TerminationView> {
  const pkg = offboarding.package;
  if (pkg.status !== 'ready') return { ...offboarding, package: pkg };
  const url = await deps.exports.presignGet(pkg.key, PACKAGE_URL_SECONDS, {
    downloadName: `lethe-${offboarding.tenantId}.zip`,
  });
  const urlExpiresAt = new Date(deps.clock.now().getTime() + PACKAGE_URL_SECONDS * 1000).toISOString();
  return { ...offboarding, package: { ...pkg, url, urlExpiresAt } };
}
