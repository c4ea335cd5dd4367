import type { SlotLease } from '../../domain/subject-requests/wake';
import type { ItemCondition } from '../../ports/item-condition';
import type { JobRunner } from '../../ports/job-runner';
import type { TenantDirectory } from '../../ports/tenant-directory';
import { WriteConflict } from '../../ports/write-conflict';
import { allPages } from '../records/pages';
import type { JobLogger } from './deps';

/**
 * At most `policy.subjectRequests.maxConcurrent` requests of a tenant run at once. Each running
 * job holds one of that many slots (`JOBSLOT#<n>` in the directory), taken with a conditional
 * write and leased: a job renews its lease as it goes, so the slot of a job whose process died
 * frees itself when the lease runs out. A job that finds no slot stays queued (`JOBQUEUE#<id>`,
 * oldest first) and is started when a slot frees.
 */
export const LEASE_SECONDS = 15 * 60;

const SLOT_PREFIX = 'JOBSLOT#';
const slotSk = (n: number) => `${SLOT_PREFIX}${n}`;
const QUEUE_PREFIX = 'JOBQUEUE#';
const queueSk = (requestId: string) => `${QUEUE_PREFIX}${requestId}`;
const seconds = (now: Date) => Math.floor(now.getTime() / 1000);

/**
 * The slot this job already holds (resumed after a crash, it keeps its slot), else a free one;
 * undefined when all are taken.
 */
export async function claimSlot(
  directory: TenantDirectory,
  job: { tenantId: string; requestId: string; slot?: number },
  maxConcurrent: number,
  now: Date,
): Promise<number | undefined> {
  const lease = (n: number) => ({
    tenantId: job.tenantId,
    sk: slotSk(n),
    holder: job.requestId,
    expiresAt: seconds(now) + LEASE_SECONDS,
  });
  const taken = async (n: number, condition: ItemCondition) => {
    try {
      await directory.putItem(lease(n), condition);
      return true;
    } catch (error) {
      if (error instanceof WriteConflict) return false;
      throw error;
    }
  };
  if (job.slot !== undefined && (await taken(job.slot, { kind: 'matches', attributes: { holder: job.requestId } })))
    return job.slot;
  for (let n = 0; n < maxConcurrent; n++) if (await taken(n, { kind: 'absentOrExpired', now: seconds(now) })) return n;
  return undefined;
}

/** The tenant's slot items: who holds each, and until when. */
export async function slotLeases(directory: TenantDirectory, tenantId: string): Promise<SlotLease[]> {
  const slots = await allPages((cursor) => directory.queryItems(tenantId, SLOT_PREFIX, { cursor }));
  return slots.map((s) => ({ holder: String(s.holder), expiresAt: Number(s.expiresAt) }));
}

/** Extends this job's lease on its slot. */
export async function renewSlot(
  directory: TenantDirectory,
  tenantId: string,
  requestId: string,
  slot: number,
  now: Date,
): Promise<void> {
  await directory.updateItem(
    tenantId,
    slotSk(slot),
    { set: { expiresAt: seconds(now) + LEASE_SECONDS } },
    { kind: 'matches', attributes: { holder: requestId } },
  );
}

/** Frees the slot if this job still holds it. */
export async function releaseSlot(
  directory: TenantDirectory,
  tenantId: string,
  requestId: string,
  slot: number,
): Promise<void> {
  try {
    await directory.deleteItem(tenantId, slotSk(slot), { kind: 'matches', attributes: { holder: requestId } });
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
  }
}

/**
 * Hands a queued request to the runner, which queues it itself if no slot is free; without a
 * runner, or when the runner cannot take it (the worker Lambda could not be invoked), it waits in
 * the queue for the next job that frees a slot (or an invocation).
 */
export async function startOrQueue(
  deps: { directory: TenantDirectory; runner?: JobRunner; logger: Pick<JobLogger, 'warn'> },
  tenantId: string,
  requestId: string,
): Promise<void> {
  if (deps.runner)
    try {
      return await deps.runner.start(tenantId, requestId);
    } catch (error) {
      deps.logger.warn('subject request not started; it waits in the queue', {
        tenantId,
        requestId,
        error: error instanceof Error ? error.name : 'unknown',
      });
    }
  await enqueue(deps.directory, tenantId, requestId);
}

export async function enqueue(directory: TenantDirectory, tenantId: string, requestId: string): Promise<void> {
  await directory.putItem({ tenantId, sk: queueSk(requestId), requestId });
}

export async function dequeue(directory: TenantDirectory, tenantId: string, requestId: string): Promise<void> {
  await directory.deleteItem(tenantId, queueSk(requestId));
}

/** The oldest queued requests of the tenant (request ids are ULIDs: they sort by filing time). */
export async function nextQueued(directory: TenantDirectory, tenantId: string, limit: number): Promise<string[]> {
  const page = await directory.queryItems(tenantId, QUEUE_PREFIX, { limit });
  return page.items.map((item) => String(item.requestId));
}
