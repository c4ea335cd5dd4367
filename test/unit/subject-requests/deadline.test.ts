import {
  assertExtendable,
  deadlineOf,
  dueInstant,
  ExtensionSchema,
  unconfirmedExpiry,
  UNCONFIRMED_KEPT_DAYS,
  type DeadlineExtension,
} from '../../../functions/domain/subject-requests/deadline';
import type { JobStatus } from '../../../functions/domain/subject-requests/job-status';

/**
 * GDPR Art. 12(3): "The controller shall provide information on action taken on a request under
 * Articles 15 to 22 to the data subject without undue delay and in any event within one month of
 * receipt of the request. That period may be extended by two further months where necessary,
 * taking into account the complexity and number of the requests. The controller shall inform the
 * data subject of any such extension within one month of receipt of the request, together with
 * the reasons for the delay."
 */
const PARIS = 'Europe/Paris';
const extension = (months: number): DeadlineExtension => ({
  months,
  reason: 'many archives to search',
  at: '2026-01-02T00:00:00Z',
  by: 'u1',
});
const request = (requestedAt: string, status: JobStatus = 'queued', extensions: DeadlineExtension[] = []) => ({
  requestId: 'R1',
  requestedAt,
  status,
  extensions,
});

describe('the deadline of a subject request: one month from receipt', () => {
  it("is the same day and time of the next month on the tenant's calendar", () => {
    // Act
    const due = dueInstant(new Date('2026-03-15T13:45:00Z'), 0, 'UTC');

    // Assess
    expect(due.toISOString()).toBe('2026-04-15T13:45:00.000Z');
  });

  it('received on the 31st, is due on the last day of a shorter month: Feb 28, or Feb 29 in a leap year', () => {
    // Act
    const common = dueInstant(new Date('2026-01-31T10:00:00Z'), 0, 'UTC');
    const leap = dueInstant(new Date('2028-01-31T10:00:00Z'), 0, 'UTC');
    const april = dueInstant(new Date('2026-03-31T10:00:00Z'), 0, 'UTC');

    // Assess
    expect(common.toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(leap.toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(april.toISOString()).toBe('2026-04-30T10:00:00.000Z');
  });

  it("counts in the tenant's time zone: received at 00:30 on May 1 in Paris (still April 30 in UTC) it is due June 1 in Paris", () => {
    // Act
    const due = dueInstant(new Date('2026-04-30T22:30:00Z'), 0, PARIS);

    // Assess
    expect(due.toISOString()).toBe('2026-05-31T22:30:00.000Z');
  });

  it('keeps the wall-clock time across a DST change: 10:00 CET on March 1 is due 10:00 CEST on April 1 (an hour less elapsed)', () => {
    // Act
    const due = dueInstant(new Date('2026-03-01T09:00:00Z'), 0, PARIS);

    // Assess
    expect(due.toISOString()).toBe('2026-04-01T08:00:00.000Z');
  });

  it('adds the months of extension granted: Jan 31 + 1 + 2 months is April 30', () => {
    // Act
    const deadline = deadlineOf(
      request('2026-01-31T10:00:00Z', 'running', [extension(2)]),
      'UTC',
      new Date('2026-02-01T00:00:00Z'),
    );

    // Assess
    expect(deadline).toMatchObject({ dueAt: '2026-04-30T10:00:00.000Z', extendedMonths: 2, overdue: false });
  });

  it("counts days left on the tenant's calendar, and is overdue once the due time passed while the request is open", () => {
    // Prepare: due 2026-04-01 10:00 in Paris
    const open = request('2026-03-01T09:00:00Z', 'pending-verification');

    // Act
    const lateEvening = deadlineOf(open, PARIS, new Date('2026-03-31T21:30:00Z')); // 23:30 on March 31 in Paris
    const dueDay = deadlineOf(open, PARIS, new Date('2026-04-01T07:59:00Z'));
    const past = deadlineOf(open, PARIS, new Date('2026-04-03T08:00:00Z'));

    // Assess
    expect(lateEvening).toMatchObject({ daysLeft: 1, overdue: false });
    expect(dueDay).toMatchObject({ daysLeft: 0, overdue: false });
    expect(past).toMatchObject({ daysLeft: -2, overdue: true });
  });

  it('a closed request is never overdue and has no days left, though its due date stays on record', () => {
    // Act
    const completed = deadlineOf(request('2026-01-01T00:00:00Z', 'completed'), 'UTC', new Date('2026-06-01T00:00:00Z'));

    // Assess
    expect(completed).toEqual({ dueAt: '2026-02-01T00:00:00.000Z', extendedMonths: 0, overdue: false });
  });
});

describe("a channel's request never confirmed", () => {
  it('is dropped only after it fell due, so the desk shows it overdue first; an extension moves the drop along', () => {
    // Prepare
    const filed = request('2026-01-31T10:00:00Z', 'pending-verification');
    const extended = request('2026-01-31T10:00:00Z', 'pending-verification', [extension(2)]);
    const seconds = (iso: string) => Date.parse(iso) / 1000;

    // Act / Assess
    expect(unconfirmedExpiry(filed, 'UTC')).toBe(seconds('2026-02-28T10:00:00Z') + UNCONFIRMED_KEPT_DAYS * 86_400);
    expect(unconfirmedExpiry(extended, 'UTC')).toBe(seconds('2026-04-30T10:00:00Z') + UNCONFIRMED_KEPT_DAYS * 86_400);
  });
});

describe('extending the deadline: by two further months at most, decided within the first month', () => {
  const now = new Date('2026-01-20T00:00:00Z');

  it('grants one or two months to an open request, in one go or two', () => {
    // Act / Assess
    expect(() => assertExtendable(request('2026-01-10T00:00:00Z'), 2, 'UTC', now)).not.toThrow();
    expect(() =>
      assertExtendable(request('2026-01-10T00:00:00Z', 'failed', [extension(1)]), 1, 'UTC', now),
    ).not.toThrow();
  });

  it('refuses more than two months in all (400 naming months)', () => {
    // Act / Assess
    expect(() => assertExtendable(request('2026-01-10T00:00:00Z', 'queued', [extension(1)]), 2, 'UTC', now)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: 'months' })] }),
    );
    expect(() => assertExtendable(request('2026-01-10T00:00:00Z', 'queued', [extension(2)]), 1, 'UTC', now)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });

  it('refuses a closed request (409), and one past its first month: the person is told within one month (409)', () => {
    // Act / Assess
    for (const status of ['completed', 'cancelled'] as const)
      expect(() => assertExtendable(request('2026-01-10T00:00:00Z', status), 1, 'UTC', now)).toThrow(
        expect.objectContaining({ code: 'CONFLICT' }),
      );
    expect(() => assertExtendable(request('2025-12-10T00:00:00Z'), 1, 'UTC', new Date('2026-01-10T00:00:01Z'))).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('asks for 1 or 2 months and a reason, naming the field that is wrong', () => {
    // Act
    const three = ExtensionSchema.safeParse({ months: 3, reason: 'complex' });
    const noReason = ExtensionSchema.safeParse({ months: 1 });
    const blank = ExtensionSchema.safeParse({ months: 1, reason: '   ' });

    // Assess
    expect(three.error?.issues.map((i) => i.path.join('.'))).toEqual(['months']);
    expect(noReason.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
    expect(blank.error?.issues.map((i) => i.path.join('.'))).toEqual(['reason']);
  });
});
