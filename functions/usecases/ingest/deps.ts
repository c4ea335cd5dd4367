import type { Clock } from '../../ports/clock';
import type { RegionalStores } from '../../ports/regional-stores';
import type { TenantDirectory } from '../../ports/tenant-directory';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';
import type { TenantSecrets } from '../tenants/tenant-secrets';

/** What the ingest and read-back use cases need from the composition root. */
export interface IngestDeps {
  stores: RegionalStores;
  directory: TenantDirectory;
  vault: PersonalDataVault;
  tenantSecrets: TenantSecrets;
  clock: Clock;
}

/** A use case's answer: the HTTP status and body, and whether it replays an earlier request. */
export interface IngestResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}
