import { dataKeyStoreContract } from '../../support/data-key-store-contract';
import { homeRegion } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

describe('the keys table of a region on DynamoDB Local: the DataKeyStore contract', () => {
  const keys = testContainer().stores.storesFor(homeRegion()).keys;
  dataKeyStoreContract(() => ({ keys, freshTenant }));
});
