import { notifies, pseudonymousSubjectKeys } from '../../../functions/domain/subject-requests/recipient-notice';
import { normalisePhone } from '../../../functions/domain/subject/normalise';
import { subjectKey } from '../../../functions/domain/subject/subject-key';

const SECRET = Buffer.alloc(32, 7);
const OTHER_TENANT = Buffer.alloc(32, 9);

describe('what a recipient notice says about the subject', () => {
  it('the key is stable for the tenant, differs from the subject index key and from another tenant’s', () => {
    // Prepare
    const index = {
      kind: 'phone' as const,
      hmacHex: subjectKey(SECRET, 'phone', normalisePhone('+33612345678', '33')),
    };
    // Act
    const [first] = pseudonymousSubjectKeys(SECRET, [index]);
    const [again] = pseudonymousSubjectKeys(SECRET, [index]);
    const [elsewhere] = pseudonymousSubjectKeys(OTHER_TENANT, [index]);
    // Assess
    expect(first).toEqual(again);
    expect(first.kind).toBe('phone');
    expect(first.key).toMatch(/^[0-9a-f]{64}$/);
    expect(first.key).not.toBe(index.hmacHex);
    expect(elsewhere.key).not.toBe(first.key);
  });

  it('erasure, anonymisation, rectification, restriction and objection are told; exports and cancellations are not', () => {
    // Act
    const told = (['erase', 'anonymize', 'rectify', 'restrict', 'object', 'export'] as const).filter((t) =>
      notifies(t, 'completed'),
    );
    // Assess
    expect(told).toEqual(['erase', 'anonymize', 'rectify', 'restrict', 'object']);
    expect(notifies('erase', 'incomplete')).toBe(true);
    expect(notifies('erase', 'cancelled')).toBe(false);
  });
});
