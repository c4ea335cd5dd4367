import type { Container } from './container';
import type { AdminDeps } from '../usecases/admin/deps';

/** The admin use cases' dependencies from the composition root, with the deployment as the record of processing describes it. */
export function adminDepsOf(c: Container): AdminDeps {
  const { app, homeRegion, regions, pitrDays, litigationRetentionDays } = c.config;
  return { ...c, deployment: { app, homeRegion, regions, pitrDays, litigationRetentionDays }, local: c.config.local };
}
