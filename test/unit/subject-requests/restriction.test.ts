import {
  isRestricted,
  mayAccessRestricted,
  mayProcess,
  RESTRICTED_ATTRIBUTE,
} from '../../../functions/domain/subject-requests/restriction';

describe('restriction of processing (GDPR Art. 18)', () => {
  it('a record carrying the id of the restricting request is restricted; without it, or with a blank one, it is not', () => {
    // Act / Assess
    expect(isRestricted({ [RESTRICTED_ATTRIBUTE]: '01J8Z6Q4W9X3M2N5P7R8S0T1V2' })).toBe(true);
    expect(isRestricted({})).toBe(false);
    expect(isRestricted({ [RESTRICTED_ATTRIBUTE]: '' })).toBe(false);
  });

  it('only the legal role still processes restricted records; every role processes the others', () => {
    // Prepare
    const restricted = { [RESTRICTED_ATTRIBUTE]: 'r1' };
    // Act / Assess
    expect(mayAccessRestricted('legal')).toBe(true);
    expect(['admin', 'manager', 'advisor', 'support', undefined].map((role) => mayProcess(restricted, role))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(mayProcess(restricted, 'legal')).toBe(true);
    expect(mayProcess({}, 'advisor')).toBe(true);
  });
});
