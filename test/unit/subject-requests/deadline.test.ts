import { answerDueBy, isOverdue } from '../../../functions/domain/subject-requests/deadline';

describe('the answer deadline of a subject request (one month, GDPR Art. 12(3))', () => {
  it.each([
    ['2027-03-15T09:30:00.000Z', '2027-04-15T09:30:00.000Z'],
    ['2027-01-31T12:00:00.000Z', '2027-02-28T12:00:00.000Z'],
    ['2028-01-31T12:00:00.000Z', '2028-02-29T12:00:00.000Z'],
    ['2027-12-20T23:59:00.000Z', '2028-01-20T23:59:00.000Z'],
  ])('a request filed %s is due %s', (filed, due) => {
    // Act
    const deadline = answerDueBy(filed);
    // Assess
    expect(deadline.toISOString()).toBe(due);
  });

  it('an open request is overdue from its deadline on, not a minute before', () => {
    // Prepare
    const job = { status: 'queued' as const, requestedAt: '2027-03-15T09:30:00.000Z' };
    // Act
    const before = isOverdue(job, new Date('2027-04-15T09:29:00.000Z'));
    const at = isOverdue(job, new Date('2027-04-15T09:30:00.000Z'));
    // Assess
    expect([before, at]).toEqual([false, true]);
  });

  it.each(['completed', 'cancelled', 'failed', 'pending-verification'] as const)('a %s request is never counted overdue by the wake-up', (status) => {
    // Act
    const overdue = isOverdue({ status, requestedAt: '2020-01-01T00:00:00.000Z' }, new Date('2027-01-01T00:00:00.000Z'));
    // Assess
    expect(overdue).toBe(false);
  });
});
