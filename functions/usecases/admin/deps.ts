import type { AuditLog } from '../../ports/audit-log';
import type { ContentStore } from '../../ports/content-store';
import type { KeyVault } from '../../ports/key-vault';
import type { DeploymentFacts } from '../../domain/register/record-of-processing';
import type { IngestDeps } from '../ingest/deps';

/** What the admin use cases need from the composition root. */
export interface AdminDeps extends IngestDeps {
  auditLog: AuditLog;
  /** The home region's exports bucket: bulk downloads are fetched from it by presigned URL. */
  exports: ContentStore;
  /** The deployment as the record of processing describes it. */
  deployment: DeploymentFacts;
  /** Wraps the recipients' webhook secrets. */
  keyVault: KeyVault;
  /** The local stack: the only place a recipient may be reached by plain http (to localhost). */
  local: boolean;
}
