import type { SubjectRequestJob } from './job';

/**
 * GDPR Art. 12(3): a data subject's request is answered within one month of its receipt. The
 * deadline is the same day of the next month (UTC), or that month's last day when it is shorter
 * (filed 31 January → due 28/29 February). Extensions the controller may declare are not modelled.
 */
export function answerDueBy(requestedAt: string): Date {
  const filed = new Date(requestedAt);
  const lastDayOfNextMonth = new Date(Date.UTC(filed.getUTCFullYear(), filed.getUTCMonth() + 2, 0)).getUTCDate();
  const due = new Date(filed);
  due.setUTCDate(1);
  due.setUTCMonth(filed.getUTCMonth() + 1);
  due.setUTCDate(Math.min(filed.getUTCDate(), lastDayOfNextMonth));
  return due;
}

/** Still open (queued or running) past its answer deadline. */
export function isOverdue(job: Pick<SubjectRequestJob, 'status' | 'requestedAt'>, now: Date): boolean {
  return (job.status === 'queued' || job.status === 'running') && answerDueBy(job.requestedAt).getTime() <= now.getTime();
}
