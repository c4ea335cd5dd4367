import type { JobStatus } from './job-status';

/**
 * The periodic wake-up of subject requests. A queued request is normally started when another
 * request of its tenant frees a slot; the wake-up (a schedule invoking the worker with this event)
 * starts what that chain missed: a request the runner never started, one whose invocation Lambda
 * dropped, one whose process died while it held a slot.
 */
export const WAKE_QUEUED_EVENT = { kind: 'wake-queued' } as const;

/**
 * How long a queued request must have waited before the wake-up starts it. It equals the worker's
 * maximum event age (infra/config/handlers.ts): an invocation still waiting in Lambda's queue
 * would otherwise run the same request twice.
 */
export const QUEUED_STALE_AFTER_SECONDS = 15 * 60;

/** A `JOBSLOT#<n>` lease as the directory holds it. */
export interface SlotLease {
  holder: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/** What the wake-up reads of a job (`SubjectRequestJob`). */
export interface WakeCandidate {
  requestId: string;
  status: JobStatus;
  updatedAt: string;
}

/**
 * The requests of one tenant the wake-up starts, oldest first and no more than its free slots:
 * first those `running` without a live lease of their own (their process died; resumed, each
 * continues from its checkpoint), then those `queued` for longer than QUEUED_STALE_AFTER_SECONDS.
 * `jobs` are the tenant's queued and running requests in filing order.
 */
export function requestsToWake(
  jobs: readonly WakeCandidate[],
  slots: readonly SlotLease[],
  maxConcurrent: number,
  now: Date,
): string[] {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const live = slots.filter((s) => s.expiresAt > nowSeconds);
  const leased = new Set(live.map((s) => s.holder));
  const stalled = jobs.filter((j) => j.status === 'running' && !leased.has(j.requestId));
  const waitedSince = now.getTime() - QUEUED_STALE_AFTER_SECONDS * 1000;
  const waiting = jobs.filter((j) => j.status === 'queued' && Date.parse(j.updatedAt) <= waitedSince);
  const free = Math.max(0, maxConcurrent - live.length);
  return [...stalled, ...waiting].slice(0, free).map((j) => j.requestId);
}
