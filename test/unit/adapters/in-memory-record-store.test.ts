import { ulid } from 'ulid';
import { InMemoryRecordStore } from '../../../functions/adapters/memory/record-store';
import { recordStoreContract } from '../../support/record-store-contract';

describe('the in-memory twin of the records table', () => {
  recordStoreContract(() => ({ records: new InMemoryRecordStore('eu-west-1'), freshTenant: () => ulid() }));
});
