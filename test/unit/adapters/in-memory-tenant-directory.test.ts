import { ulid } from 'ulid';
import { InMemoryTenantDirectory } from '../../../functions/adapters/memory/tenant-directory';
import { tenantDirectoryContract } from '../../support/tenant-directory-contract';

describe('the in-memory twin of the tenant directory: the TenantDirectory contract', () => {
  tenantDirectoryContract(() => ({ directory: new InMemoryTenantDirectory(), freshTenant: () => ulid() }));
});
