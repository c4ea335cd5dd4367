import type { AuditLog } from '../../ports/audit-log';
import type { ContentStore } from '../../ports/content-store';
import type { DeploymentFacts } from '../../domain/register/record-of-processing';
import type { IngestDeps } from '../ingest/deps';

/** What the admin use cases need from the composition root. */
export interface AdminDeps extends IngestDeps {
  auditLog: AuditLog;
  /** The home region's exports bucket: bulk downloads are fetched from it by presigned URL. */
  exports: ContentStore;
  /** The deployment as the record of processing describes it. */
  deployment: DeploymentFacts;
}
