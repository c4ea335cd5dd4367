import { userDirectoryOf } from '../../../functions/shared/staff-wiring';
import { userDirectoryContract } from '../../support/user-directory-contract';
import { testContainer } from './container';

describe("the local stack's user directory on DynamoDB Local: the UserDirectory contract", () => {
  const users = userDirectoryOf(testContainer());
  userDirectoryContract(() => ({ users }));
});
