/**
 * One webhook to one recipient about one round of a subject request, and its retries: attempts
 * are bounded; a failed attempt waits RETRY_DELAYS_SECONDS[attempts - 1] before the next, and the
 * last failure marks the delivery `failed` (shown on the request and its certificate).
 *
 *   pending ─2xx─▶ delivered
 *      │ ▲
 *      └─┘ other answer, no answer: again after the next delay … after MAX_ATTEMPTS: failed
 */
export const RETRY_DELAYS_SECONDS = [60, 5 * 60, 30 * 60, 2 * 3600, 6 * 3600] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/**
 * An attempt claims its delivery for this long: a process that dies while sending leaves it
 * pending, due again once the claim lapses (the attempt counts).
 */
export const ATTEMPT_CLAIM_SECONDS = 120;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** What one attempt got: the recipient's HTTP status, or why there was none. */
export type AttemptResult = { kind: 'answered'; status: number } | { kind: 'unanswered'; reason: string };

export const succeeded = (result: AttemptResult): boolean =>
  result.kind === 'answered' && result.status >= 200 && result.status < 300;

const plusSeconds = (at: Date, seconds: number) => new Date(at.getTime() + seconds * 1000).toISOString();

/** The delivery's state after its `attempts`-th attempt ended with `result` at `at`. */
export function afterAttempt(
  attempts: number,
  result: AttemptResult,
  at: Date,
): { status: 'delivered'; deliveredAt: string } | { status: 'pending'; nextAttemptAt: string } | { status: 'failed' } {
  if (succeeded(result)) return { status: 'delivered', deliveredAt: at.toISOString() };
  if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: plusSeconds(at, RETRY_DELAYS_SECONDS[attempts - 1]) };
}

/** When a claimed attempt that never reported may be made again. */
export const claimLapsesAt = (at: Date): string => plusSeconds(at, ATTEMPT_CLAIM_SECONDS);

/** The delivery log entry of one recipient, as the request and its certificate show it. */
export interface DeliveryLogEntry {
  recipient: string;
  round: number;
  status: DeliveryStatus;
  attempts: number;
  /** The recipient's HTTP status at the last attempt, or why it gave none. */
  lastStatus?: number;
  lastError?: string;
  lastAttemptAt?: string;
  nextAttemptAt?: string;
  deliveredAt?: string;
}

/** A delivery as the directory keeps it. The body, which names the subject by keyed hash, goes once it is settled. */
export interface RecipientDelivery extends DeliveryLogEntry {
  tenantId: string;
  requestId: string;
  url: string;
  secretRef: string;
  /** The webhook body, exactly as signed and sent on every attempt; removed once delivered or failed. */
  body?: string;
  bodySha256: string;
  queuedAt: string;
  /** Epoch seconds: the certificate's retention end (DynamoDB TTL). */
  expiresAt: number;
}

/** The webhook id a recipient deduplicates on: the same on every attempt. */
export const deliveryId = (d: Pick<RecipientDelivery, 'requestId' | 'round' | 'recipient'>): string =>
  `${d.requestId}.${d.round}.${d.recipient}`;

export function logEntryOf(d: RecipientDelivery): DeliveryLogEntry {
  return {
    recipient: d.recipient,
    round: d.round,
    status: d.status,
    attempts: d.attempts,
    ...(d.lastStatus !== undefined ? { lastStatus: d.lastStatus } : {}),
    ...(d.lastError !== undefined ? { lastError: d.lastError } : {}),
    ...(d.lastAttemptAt ? { lastAttemptAt: d.lastAttemptAt } : {}),
    ...(d.status === 'pending' && d.nextAttemptAt ? { nextAttemptAt: d.nextAttemptAt } : {}),
    ...(d.deliveredAt ? { deliveredAt: d.deliveredAt } : {}),
  };
}
