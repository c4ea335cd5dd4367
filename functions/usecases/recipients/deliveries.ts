import { createHash } from 'node:crypto';
import {
  afterAttempt,
  claimLapsesAt,
  deliveryId,
  logEntryOf,
  type AttemptResult,
  type DeliveryLogEntry,
  type RecipientDelivery,
} from '../../domain/recipients/delivery';
import {
  NOTICE_EVENT,
  notifies,
  pseudonymousSubjectKeys,
  type RecipientNotice,
} from '../../domain/subject-requests/recipient-notice';
import { signWebhook } from '../../domain/recipients/webhook-signature';
import type { TenantPolicy } from '../../domain/policy/schema';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import type { JobOutcome } from '../../domain/subject-requests/job-status';
import type { Clock } from '../../ports/clock';
import type { HttpSender } from '../../ports/http-sender';
import type { KeyVault } from '../../ports/key-vault';
import { LISTED_UNDER, type TenantDirectory, type TenantItem } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { allPages } from '../records/pages';
import type { TenantSecrets } from '../tenants/tenant-secrets';
import { openRecipientSecret } from './recipient-secrets';

/**
 * The webhooks that tell a policy's recipients what a subject request did (GDPR Art. 19). Each
 * (request, round, recipient) is a `DELIVERY#…` directory item, written before the request is
 * marked finished and listed under PENDING_DELIVERIES until it is delivered or has failed, so a
 * process that dies at any point loses none: the subject-request worker's periodic wake-up sends
 * what is due (deliverDueNotices).
 */
export const PENDING_DELIVERIES = 'recipient-deliveries-pending';
const PREFIX = 'DELIVERY#';
const requestPrefix = (requestId: string) => `${PREFIX}${requestId}#`;
const sortKeyOf = (d: Pick<RecipientDelivery, 'requestId' | 'round' | 'recipient'>) =>
  `${requestPrefix(d.requestId)}${d.round}#${d.recipient}`;

/** What sending notices needs (a subset of the subject-request deps, declared here so this folder depends on none). */
export interface NoticeDeps {
  directory: TenantDirectory;
  keyVault: KeyVault;
  homeRegion: string;
  clock: Clock;
  logger: Record<'info' | 'warn' | 'error', (message: string, attributes: Record<string, unknown>) => void>;
  tenantSecrets: TenantSecrets;
  httpSender: HttpSender;
}

const deliveryOf = ({ sk: _sk, [LISTED_UNDER]: _listed, ...rest }: TenantItem) => rest as unknown as RecipientDelivery;

/**
 * Queues the notice of a finished request for each recipient the policy names, once per round
 * (a repeated finish finds them queued). Called while the job still holds its subject keys.
 */
export async function queueNotices(
  deps: NoticeDeps,
  policy: TenantPolicy,
  job: SubjectRequestJob,
  outcome: JobOutcome,
  completedAt: Date,
  keptUntil: Date,
): Promise<void> {
  const recipients = policy.subjectRequests.notifyRecipients;
  if (!recipients.length || !notifies(job.type, outcome)) return;
  const secret = await deps.tenantSecrets.subjectIndexSecret(job.tenantId);
  const notice: RecipientNotice = {
    event: NOTICE_EVENT,
    tenantId: job.tenantId,
    requestId: job.requestId,
    round: job.round,
    type: job.type,
    outcome,
    completedAt: completedAt.toISOString(),
    options: job.options,
    subjectKeys: pseudonymousSubjectKeys(secret, job.subjectKeys ?? []),
  };
  const body = JSON.stringify(notice);
  for (const r of recipients) {
    const delivery: RecipientDelivery = {
      tenantId: job.tenantId,
      requestId: job.requestId,
      round: job.round,
      recipient: r.name,
      url: r.url,
      secretRef: r.secretRef,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: completedAt.toISOString(),
      body,
      bodySha256: createHash('sha256').update(body, 'utf8').digest('hex'),
      queuedAt: completedAt.toISOString(),
      expiresAt: Math.ceil(keptUntil.getTime() / 1000),
    };
    try {
      await deps.directory.putItem(
        { ...delivery, sk: sortKeyOf(delivery), [LISTED_UNDER]: PENDING_DELIVERIES } as unknown as TenantItem,
        { kind: 'absent' },
      );
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
    }
  }
}

async function signedAttempt(deps: NoticeDeps, d: RecipientDelivery): Promise<AttemptResult> {
  let secret: Awaited<ReturnType<typeof openRecipientSecret>>;
  try {
    secret = await openRecipientSecret(deps, d.tenantId, d.secretRef);
  } catch (error) {
    deps.logger.warn('recipient secret could not be opened', {
      tenantId: d.tenantId,
      requestId: d.requestId,
      recipient: d.recipient,
      error: error instanceof Error ? error.name : 'unknown',
    });
    return { kind: 'unanswered', reason: 'signing secret unavailable' };
  }
  const body = d.body ?? '';
  return deps.httpSender.post({
    url: d.url,
    headers: signWebhook(secret.key, secret.keyId, deliveryId(d), body, deps.clock.now(), secret.previous),
    body,
  });
}

/**
 * One attempt: claimed first (attempts + 1, due again once the claim lapses), so two runners never
 * send the same attempt and a process dying mid-send leaves it due; then sent and its result kept.
 * False when another runner holds it.
 */
export async function attemptDelivery(deps: NoticeDeps, d: RecipientDelivery): Promise<boolean> {
  const attempts = d.attempts + 1;
  const startedAt = deps.clock.now();
  try {
    await deps.directory.updateItem(
      d.tenantId,
      sortKeyOf(d),
      { set: { attempts, lastAttemptAt: startedAt.toISOString(), nextAttemptAt: claimLapsesAt(startedAt) } },
      { kind: 'matches', attributes: { attempts: d.attempts, status: 'pending' } },
    );
  } catch (error) {
    if (error instanceof WriteConflict) return false;
    throw error;
  }
  const result = await signedAttempt(deps, d);
  const next = afterAttempt(attempts, result, deps.clock.now());
  const settled = next.status !== 'pending';
  try {
    await deps.directory.updateItem(
      d.tenantId,
      sortKeyOf(d),
      {
        set: {
          ...next,
          ...(result.kind === 'answered' ? { lastStatus: result.status } : { lastError: result.reason }),
        },
        remove: [
          result.kind === 'answered' ? 'lastError' : 'lastStatus',
          ...(settled ? ['body', 'nextAttemptAt', LISTED_UNDER] : []),
        ],
      },
      { kind: 'matches', attributes: { attempts } },
    );
  } catch (error) {
    // Our claim lapsed while the recipient took its time, and a later attempt owns the delivery now.
    if (!(error instanceof WriteConflict)) throw error;
  }
  const ids = { tenantId: d.tenantId, requestId: d.requestId, recipient: d.recipient, attempts };
  if (next.status === 'failed') deps.logger.warn('recipient notice failed: no more attempts', ids);
  else if (next.status === 'pending') deps.logger.info('recipient notice not delivered; retried later', ids);
  return true;
}

const isDue = (d: RecipientDelivery, now: Date) =>
  d.status === 'pending' && Date.parse(d.nextAttemptAt ?? '') <= now.getTime();

/** Right after a request finishes: its notices' first attempts. Never throws: what is not sent stays due. */
export async function deliverRequestNotices(deps: NoticeDeps, tenantId: string, requestId: string): Promise<void> {
  try {
    const items = await deps.directory.queryItems(tenantId, requestPrefix(requestId));
    const now = deps.clock.now();
    for (const d of items.items.map(deliveryOf)) if (isDue(d, now)) await attemptDelivery(deps, d);
  } catch (error) {
    deps.logger.warn('recipient notices not sent now; the wake-up retries them', {
      tenantId,
      requestId,
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

export interface DueNoticesResult {
  /** Attempts made. */
  attempted: number;
}

/** The wake-up's part: every pending notice of every tenant that is due, from the listing (never a scan). */
export async function deliverDueNotices(deps: NoticeDeps): Promise<DueNoticesResult> {
  const now = deps.clock.now();
  const pending = (await allPages((cursor) => deps.directory.listListed(PENDING_DELIVERIES, { cursor }))).map(
    deliveryOf,
  );
  let attempted = 0;
  for (const d of pending.filter((p) => isDue(p, now))) if (await attemptDelivery(deps, d)) attempted++;
  return { attempted };
}

/** The delivery log of a request: each recipient of each round, its attempts, last status and delivery time. */
export async function deliveryLog(
  deps: Pick<NoticeDeps, 'directory'>,
  tenantId: string,
  requestId: string,
): Promise<DeliveryLogEntry[]> {
  const items = await allPages((cursor) => deps.directory.queryItems(tenantId, requestPrefix(requestId), { cursor }));
  return items.map((item) => logEntryOf(deliveryOf(item)));
}
