import type { Logger } from '@aws-lambda-powertools/logger';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { ContentStore } from '../../ports/content-store';
import type { KeyVault } from '../../ports/key-vault';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';

/** Log lines of retention work carry ids and counts only, never content or identifiers. */
export type RetentionLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** What the sweep and the other retention use cases work with (a subset of the container). */
export interface RetentionDeps {
  stores: RegionalStores;
  directory: TenantDirectory;
  /** Opens personal fields (sealing in the litigation archive) and shreds partition keys. */
  vault: PersonalDataVault;
  /** The application role's KMS: generates litigation data keys, never decrypts them. */
  keyVault: KeyVault;
  /** The tenants' audit chains: interaction entries forgotten with their interaction, expired ones pruned. */
  auditLog: AuditLog;
  /** The home region's exports bucket: derived copies and the tenant's packages go with what they were made from. */
  exports: ContentStore;
  clock: Clock;
  logger: RetentionLogger;
  /** The home region holds the directory, the audit chains and the exports. */
  config: { homeRegion: string };
}
