import { InMemoryUserDirectory } from '../../../functions/adapters/memory/user-directory';
import { SettableClock } from '../../../functions/domain/clock';
import { userDirectoryContract } from '../../support/user-directory-contract';

describe('InMemoryUserDirectory', () => {
  userDirectoryContract(() => ({ users: new InMemoryUserDirectory(new SettableClock('2026-03-02T09:00:00.000Z')) }));
});
