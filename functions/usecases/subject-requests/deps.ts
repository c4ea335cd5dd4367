import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { ContentStore } from '../../ports/content-store';
import type { HttpSender } from '../../ports/http-sender';
import type { JobRunner } from '../../ports/job-runner';
import type { KeyVault } from '../../ports/key-vault';
import type { Metrics } from '../../ports/metrics';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import type { Container } from '../../shared/container';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';
import type { TenantSecrets } from '../tenants/tenant-secrets';

/** Log lines of subject requests carry ids, steps and counts only: never an identifier or content. */
export type JobLogger = Pick<Container['logger'], 'info' | 'warn' | 'error'>;

/** What the subject-request use cases work with. */
export interface SubjectRequestDeps {
  stores: RegionalStores;
  directory: TenantDirectory;
  vault: PersonalDataVault;
  keyVault: KeyVault;
  tenantSecrets: TenantSecrets;
  /** The home region's exports bucket (packages, fetched through presigned URLs). */
  exports: ContentStore;
  auditLog: AuditLog;
  clock: Clock;
  logger: JobLogger;
  /** Requests opened, completed and overdue. */
  metrics: Metrics;
  homeRegion: string;
  /** Point-in-time recovery window of the tables: how long a backup of a destroyed key can live. */
  pitrDays: number;
  /** Sends the webhooks that tell the policy's recipients what a request did. */
  httpSender: HttpSender;
  /** Starts queued jobs when a slot frees and re-applied erasures when a hold is released; absent: they wait for an invocation. */
  runner?: JobRunner;
}

/** The use cases' dependencies from the composition root, with the runner that starts jobs (if any). */
export function subjectRequestDeps(c: Container, runner?: JobRunner): SubjectRequestDeps {
  return {
    stores: c.stores,
    directory: c.directory,
    vault: c.vault,
    keyVault: c.keyVault,
    tenantSecrets: c.tenantSecrets,
    exports: c.exports,
    auditLog: c.auditLog,
    clock: c.clock,
    logger: c.logger,
    metrics: c.metrics,
    homeRegion: c.config.homeRegion,
    pitrDays: c.config.pitrDays,
    httpSender: c.httpSender,
    runner,
  };
}
