import {
  afterAttempt,
  ATTEMPT_CLAIM_SECONDS,
  claimLapsesAt,
  MAX_ATTEMPTS,
  RETRY_DELAYS_SECONDS,
  type AttemptResult,
} from '../../../functions/domain/recipients/delivery';

const AT = new Date('2027-03-01T12:00:00Z');
const plus = (seconds: number) => new Date(AT.getTime() + seconds * 1000).toISOString();
const status = (n: number): AttemptResult => ({ kind: 'answered', status: n });

describe('the retry schedule of a recipient notice', () => {
  it('a 2xx answer delivers the notice, at the time it came', () => {
    // Act
    const outcomes = [200, 202, 204].map((n) => afterAttempt(1, status(n), AT));
    // Assess
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 'delivered', deliveredAt: AT.toISOString() });
  });

  it('each failed attempt waits longer than the one before: 1 min, 5 min, 30 min, 2 h, 6 h', () => {
    // Act
    const next = RETRY_DELAYS_SECONDS.map((_, i) => afterAttempt(i + 1, status(500), AT));
    // Assess
    expect(next).toEqual([60, 300, 1800, 7200, 21600].map((s) => ({ status: 'pending', nextAttemptAt: plus(s) })));
  });

  it('after the last attempt the notice is failed, not retried for ever', () => {
    // Act
    const last = afterAttempt(MAX_ATTEMPTS, status(503), AT);
    const beyond = afterAttempt(MAX_ATTEMPTS + 1, status(503), AT);
    // Assess
    expect(MAX_ATTEMPTS).toBe(6);
    expect(last).toEqual({ status: 'failed' });
    expect(beyond).toEqual({ status: 'failed' });
  });

  it('a redirect, a client error or no answer at all is a failure to retry, not a delivery', () => {
    // Act
    const outcomes = [
      afterAttempt(1, status(301), AT),
      afterAttempt(1, status(404), AT),
      afterAttempt(1, { kind: 'unanswered', reason: 'timeout' }, AT),
    ];
    // Assess
    for (const outcome of outcomes) expect(outcome).toEqual({ status: 'pending', nextAttemptAt: plus(60) });
  });

  it('an attempt whose process died is due again once its claim lapses', () => {
    // Act
    const due = claimLapsesAt(AT);
    // Assess
    expect(due).toBe(plus(ATTEMPT_CLAIM_SECONDS));
  });
});
