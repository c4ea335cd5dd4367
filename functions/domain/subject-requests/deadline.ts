import * as z from 'zod';
import { conflict, validationFailed } from '../errors';
import { expiryInstant } from '../retention/expiry-instant';
import { wallClockAt } from '../retention/zoned-time';
import { isTerminal, type JobStatus } from './job-status';

/**
 * GDPR Art. 12(3): a request is answered within one month of its receipt; that period may be
 * extended by two further months, the data subject being told of the extension and its reasons
 * within the first month. Months are calendar months on the tenant's wall clock (the retention
 * arithmetic: Jan 31 + 1 month is the last day of February), so the due time keeps the time of
 * day the request was received in the tenant's time zone.
 */
export const ANSWER_MONTHS = 1;
export const MAX_EXTENSION_MONTHS = 2;

/** `POST /v1/subject-requests/{id}/extension`: one or two more months, and why. */
export const ExtensionSchema = z
  .object({
    months: z.union([z.literal(1), z.literal(2)], { error: 'must be 1 or 2' }),
    reason: z
      .string({ error: 'is required: say why the request needs more time' })
      .trim()
      .min(1, 'is required: say why the request needs more time')
      .max(1000),
  })
  .strict()
  .meta({ id: 'ExtendDeadline' });

/** One recorded extension of the deadline (the reason as stored: redacted). */
export interface DeadlineExtension {
  months: number;
  reason: string;
  at: string;
  by: string;
}

export interface Deadline {
  /** When the answer is due, extensions included. */
  dueAt: string;
  /** Months of extension granted so far (0 to 2). */
  extendedMonths: number;
  /** Calendar days from today to the due day, in the tenant's time zone; negative once past. Absent when the request is closed. */
  daysLeft?: number;
  /** Still open and past its due time. */
  overdue: boolean;
}

/** How far back a request's receipt may be dated when it is filed: further is taken for a typo. */
export const MAX_RECEIPT_AGE_DAYS = 366;

/**
 * The instant a request counts as received: `receivedAt` when given (never after `now`, at most
 * MAX_RECEIPT_AGE_DAYS before it), otherwise `now`.
 */
export function receivedInstant(receivedAt: string | undefined, now: Date): Date {
  if (receivedAt === undefined) return now;
  const at = new Date(receivedAt);
  const problem =
    at.getTime() > now.getTime()
      ? 'is in the future: a request is filed once it has been received'
      : now.getTime() - at.getTime() > MAX_RECEIPT_AGE_DAYS * 86_400_000
        ? `is more than ${MAX_RECEIPT_AGE_DAYS} days ago`
        : undefined;
  if (problem) throw validationFailed([{ path: 'receivedAt', message: problem }], 'The subject request is not valid.');
  return at;
}

const monthsAdded = (extensions: readonly DeadlineExtension[] = []) => extensions.reduce((sum, e) => sum + e.months, 0);

/** When a request received at `receivedAt` is due, after `extendedMonths` of extension. */
export function dueInstant(receivedAt: Date, extendedMonths: number, timeZone: string): Date {
  return expiryInstant(
    receivedAt,
    { years: 0, months: ANSWER_MONTHS + extendedMonths, days: 0, hours: 0, minutes: 0, seconds: 0 },
    timeZone,
  );
}

const calendarDay = (at: Date, timeZone: string) => {
  const w = wallClockAt(at.getTime(), timeZone);
  return Date.UTC(w.year, w.month - 1, w.day) / 86_400_000;
};

/**
 * A channel's request never confirmed is dropped this long after it fell due (DynamoDB TTL), so
 * the desk shows it overdue first; an extension moves the drop with the due date.
 */
export const UNCONFIRMED_KEPT_DAYS = 30;

/** Epoch seconds (TTL) when an unconfirmed request is dropped. */
export function unconfirmedExpiry(
  request: { requestedAt: string; extensions?: readonly DeadlineExtension[] },
  timeZone: string,
): number {
  const due = dueInstant(new Date(request.requestedAt), monthsAdded(request.extensions), timeZone);
  return Math.ceil(due.getTime() / 1000) + UNCONFIRMED_KEPT_DAYS * 86_400;
}

/** The deadline of a request as of `now`: due date, days left and whether it is overdue. */
export function deadlineOf(
  request: { requestedAt: string; status: JobStatus; extensions?: readonly DeadlineExtension[] },
  timeZone: string,
  now: Date,
): Deadline {
  const extendedMonths = monthsAdded(request.extensions);
  const due = dueInstant(new Date(request.requestedAt), extendedMonths, timeZone);
  const open = !isTerminal(request.status);
  return {
    dueAt: due.toISOString(),
    extendedMonths,
    ...(open ? { daysLeft: calendarDay(due, timeZone) - calendarDay(now, timeZone) } : {}),
    overdue: open && now.getTime() > due.getTime(),
  };
}

/**
 * Whether `months` more may be added: an open request, at most two months in all, and (Art. 12(3):
 * the subject is told within one month of receipt) only before the first month ends.
 */
export function assertExtendable(
  request: { requestId: string; requestedAt: string; status: JobStatus; extensions?: readonly DeadlineExtension[] },
  months: number,
  timeZone: string,
  now: Date,
): void {
  if (isTerminal(request.status))
    throw conflict(
      `Subject request ${request.requestId} is ${request.status}: a closed request has no deadline to extend.`,
    );
  const granted = monthsAdded(request.extensions);
  if (granted + months > MAX_EXTENSION_MONTHS)
    throw validationFailed(
      [
        {
          path: 'months',
          message: `would extend the deadline by ${granted + months} months in all; at most ${MAX_EXTENSION_MONTHS} (${granted} already granted)`,
        },
      ],
      'The extension is not valid.',
    );
  if (now.getTime() > dueInstant(new Date(request.requestedAt), 0, timeZone).getTime())
    throw conflict(
      `Subject request ${request.requestId} is past its first month: an extension must be decided, and the person told, within one month of receipt.`,
    );
}
