import { ulid } from 'ulid';
import { InMemoryAggregateStore } from '../../../functions/adapters/memory/aggregate-store';
import { InMemoryContentStore } from '../../../functions/adapters/memory/content-store';
import { InMemoryDataKeyStore } from '../../../functions/adapters/memory/data-key-store';
import { InMemoryKeyVault } from '../../../functions/adapters/memory/key-vault';
import { aggregateStoreContract } from '../../support/aggregate-store-contract';
import { contentStoreContract } from '../../support/content-store-contract';
import { dataKeyStoreContract } from '../../support/data-key-store-contract';
import { keyVaultContract } from '../../support/key-vault-contract';

describe('the in-memory twin of the aggregates table: the AggregateStore contract', () => {
  aggregateStoreContract(() => ({ aggregates: new InMemoryAggregateStore('eu-central-1'), freshTenant: () => ulid() }));
});

describe('the in-memory twin of a bucket: the ContentStore contract', () => {
  contentStoreContract(() => ({
    content: new InMemoryContentStore('content', 'eu-central-1'),
    freshTenant: () => ulid(),
  }));
});

describe('the in-memory twin of KMS: the KeyVault contract', () => {
  const keyVault = new InMemoryKeyVault();
  keyVaultContract(() => ({
    keyVault,
    legalRole: keyVault.asLegalRole(),
    region: 'eu-central-1',
    freshTenant: () => ulid(),
  }));
});

describe('the in-memory twin of the keys table: the DataKeyStore contract', () => {
  dataKeyStoreContract(() => ({ keys: new InMemoryDataKeyStore('eu-central-1'), freshTenant: () => ulid() }));
});
