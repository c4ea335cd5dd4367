import type { Channel, DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { isExpired } from './exact-expiry';
import { expiryInstant } from './expiry-instant';
import { retentionFor } from './retention-for';

/** What the retention arithmetic needs to know about a stored record. */
export interface RetainedRecord {
  dataClass: DataClass;
  channel?: Channel;
  createdAt: Date;
  /** The expiry computed when the record was written (or at the last recompute). */
  expiresAt: Date;
}

/** When a record written now expires under `policy`. */
export function expiryOf(record: Omit<RetainedRecord, 'expiresAt'>, policy: TenantPolicy): Date {
  return expiryInstant(record.createdAt, retentionFor(policy, record.dataClass, record.channel), policy.timeZone);
}

export type ExpiryChange = 'shortened' | 'lengthened' | 'unchanged' | 'already-expired';

/**
 * A record's expiry after its tenant changed the policy, applied by the next sweep.
 *
 * - A shortened retention applies to existing records: the new expiry is counted from
 *   `createdAt`, so a record already older than the new retention is due at once (the shorter
 *   policy wins; keeping data longer than the controller now wants it kept is the violation).
 * - A lengthened retention applies only to records not yet expired: a record hidden because its
 *   expiry passed stays expired, even if the sweep has not removed it yet; nothing comes back.
 *
 * Active records only: archived copies count from their transfer (see `archiveExpiry`).
 */
export function recomputeExpiry(
  record: RetainedRecord,
  newPolicy: TenantPolicy,
  now: Date,
): { expiresAt: Date; change: ExpiryChange } {
  if (isExpired(record.expiresAt, now)) return { expiresAt: record.expiresAt, change: 'already-expired' };
  const expiresAt = expiryOf(record, newPolicy);
  const delta = expiresAt.getTime() - record.expiresAt.getTime();
  return { expiresAt, change: delta < 0 ? 'shortened' : delta > 0 ? 'lengthened' : 'unchanged' };
}
