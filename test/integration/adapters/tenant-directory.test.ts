import { tenantDirectoryContract } from '../../support/tenant-directory-contract';
import { freshTenant, testContainer } from './container';

describe('the tenant directory on DynamoDB Local: the TenantDirectory contract', () => {
  const { directory } = testContainer();
  tenantDirectoryContract(() => ({ directory, freshTenant }));
});
