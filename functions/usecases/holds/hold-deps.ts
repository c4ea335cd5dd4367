import type { LegalHold } from '../../domain/holds/hold';
import type { AdminRole } from '../../domain/access/admin-roles';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { Metrics } from '../../ports/metrics';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import type { TenantSecrets } from '../tenants/tenant-secrets';

export interface HoldDeps {
  stores: RegionalStores;
  directory: TenantDirectory;
  tenantSecrets: TenantSecrets;
  auditLog: AuditLog;
  clock: Clock;
  /** Holds placed and released. */
  metrics: Metrics;
  /** Work others deferred to a hold's release (issue 5: erasures the hold postponed), run once it is released. */
  afterRelease?: (released: LegalHold) => Promise<unknown>;
}

/** Who acts on holds, as the audit log names them. */
export interface HoldActor {
  tenantId: string;
  userId: string;
  /** For the audit log: who may place and release holds is the access decision's (`legal-hold.manage`). */
  role: AdminRole;
  support: boolean;
  /** Where the request came from, already truncated (auditSource). */
  from: string;
}
