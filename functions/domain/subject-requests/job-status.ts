/**
 * A subject request's life:
 *
 *   pending-verification ─confirm─▶ queued ─slot─▶ running ─▶ completed
 *          │                          │              │  ▲
 *          └──────── cancel ──────────┴─▶ cancelled ◀┘  └─ re-invoked (resumes from its checkpoint)
 *                                                    failed, incomplete
 *
 * A channel's self-service request waits for an admin in `pending-verification`. A failed or
 * crashed job is resumed by invoking it again: every step is safe to repeat. An erasure or
 * anonymisation whose verification still finds the subject's records after its last pass ends
 * `incomplete` (its certificate says what remains and why), never `completed`.
 */
export const JOB_STATUSES = [
  'pending-verification',
  'queued',
  'running',
  'completed',
  'incomplete',
  'failed',
  'cancelled',
] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const isTerminal = (status: JobStatus): boolean =>
  status === 'completed' || status === 'incomplete' || status === 'cancelled';

/** How a request ended: done, stopped by a cancellation, or out of passes with records still found. */
export type JobOutcome = 'completed' | 'cancelled' | 'incomplete';
