import { aggregateStoreContract } from '../../support/aggregate-store-contract';
import { homeRegion } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

describe('the aggregates table of a region on DynamoDB Local: the AggregateStore contract', () => {
  const aggregates = testContainer().stores.storesFor(homeRegion()).aggregates;
  aggregateStoreContract(() => ({ aggregates, freshTenant }));
});
