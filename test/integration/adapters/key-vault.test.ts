import { AwsClients } from '../../../functions/adapters/aws-clients';
import { KmsKeyVault } from '../../../functions/adapters/kms/key-vault';
import type { VaultKey } from '../../../functions/ports/key-vault';
import { homeRegion } from '../../support/emulators';
import { keyVaultContract } from '../../support/key-vault-contract';
import { freshTenant, testContainer } from './container';

describe('the regional KMS keys on the local KMS endpoint: the KeyVault contract', () => {
  const { keyVault, config } = testContainer();
  const aliases = (region: string, key: VaultKey) =>
    key === 'data' ? config.regional[region].dataKeyAlias : config.regional[region].litigationKeyAlias;
  const legalRole = new KmsKeyVault(
    (region) => new AwsClients(config, { accessKeyId: 'LEGALROLE', secretAccessKey: 'LEGALROLE' }).kmsFor(region),
    aliases,
  );
  keyVaultContract(() => ({ keyVault, legalRole, region: homeRegion(), freshTenant }));
});
