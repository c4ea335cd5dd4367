import { verificationHints } from '../../../functions/domain/subject-requests/verification-hints';

describe("what an admin verifies a channel's request against", () => {
  it('names each identifier kind filed with a masked hint, never the value', () => {
    // Prepare
    const identifiers = {
      email: 'anna.lind@example.fr',
      phone: '+33 6 12 34 56 78',
      name: 'Anna Lind',
      visitorId: 'visitor-8f3a9c21',
    };

    // Act
    const hints = verificationHints(identifiers);

    // Assess
    expect(hints).toEqual([
      { kind: 'phone', masked: '•••78' },
      { kind: 'email', masked: 'a•••@•••.fr' },
      { kind: 'visitorId', masked: '•••c21' },
      { kind: 'name', masked: 'A••• L•••' },
    ]);
    const text = JSON.stringify(hints);
    for (const value of ['anna', 'lind', 'example', '12 34', 'visitor-8f'])
      expect(text.toLowerCase()).not.toContain(value);
  });

  it('shows nothing of values too short to mask', () => {
    // Act
    const hints = verificationHints({ phone: '112', visitorId: 'v1', email: 'nobody' });

    // Assess
    expect(hints).toEqual([
      { kind: 'phone', masked: '•••' },
      { kind: 'email', masked: '•••' },
      { kind: 'visitorId', masked: '•••' },
    ]);
  });
});
