import type { ExpiryAction } from '../data-class';
import { governingRule } from '../holds/precedence';
import type { TenantPolicy } from '../policy/schema';
import { actionAtExpiry } from '../retention/action-at-expiry';
import { archiveExpiry } from '../retention/archive-expiry';
import { isExpired } from '../retention/exact-expiry';
import { expiryInstant } from '../retention/expiry-instant';
import { retentionFor } from '../retention/retention-for';
import type { DueRecord } from './due-record';
import { isPartitionRoot } from '../record-keys';

/** Deleting a partition root takes the partition with it (Puzzel: audit entries go with their inquiry). */
export type DeleteScope = 'partition' | 'item';

/** What the sweep does with one item it found in a due bucket. */
export type SweepStep =
  /** Not due (yet): re-bucketed by a policy change, or the query raced an update. */
  | { kind: 'not-due' }
  /** Kept by legal holds until they are released. */
  | { kind: 'held'; holdIds: string[] }
  | { kind: 'delete'; scope: DeleteScope; sealFirst: boolean }
  | { kind: 'anonymize'; sealFirst: boolean; statisticsExpireAt: Date }
  | { kind: 'archive'; sealFirst: boolean; archiveExpiresAt: Date }
  /** The archived copy's retention ended: delete the object and its pointer. */
  | { kind: 'delete-archived'; scope: DeleteScope }
  /** An anonymised record outlived the tenant's statistics retention. */
  | { kind: 'delete-statistics'; scope: DeleteScope }
  /** A litigation batch's Object Lock retention ended. */
  | { kind: 'destroy-batch' };

export interface PlanContext {
  policy: TenantPolicy;
  now: Date;
  /** Active holds covering the record's partition. */
  heldBy: readonly string[];
  /** The tenant's contract ended and its grace passed: everything goes now, except locked batches. */
  offboarding?: boolean;
}

/**
 * The one decision of the nightly sweep, for one item: legal hold first (DESIGN §4); then what its
 * tier and the tenant policy say. A record whose class is in `litigation.sealClasses` is sealed in
 * the litigation archive before its action, unless a batch already holds it. At offboarding every
 * record is deleted (archived copies end at contract end, Inbenta); litigation batches still keep
 * their Object Lock retention, which nobody can shorten.
 */
export function planSweepStep(record: DueRecord, context: PlanContext): SweepStep {
  const { policy, now, offboarding } = context;
  const expired = isExpired(new Date(record.expiresAt * 1000), now);
  if (record.tier === 'litigation-batch') {
    const rule = governingRule({ heldBy: context.heldBy, erasureRequested: false, retentionEnded: expired });
    if (rule === 'none') return { kind: 'not-due' };
    return rule === 'legal-hold' ? { kind: 'held', holdIds: [...context.heldBy] } : { kind: 'destroy-batch' };
  }
  const rule = governingRule({
    heldBy: context.heldBy,
    erasureRequested: false,
    retentionEnded: expired || Boolean(offboarding),
  });
  if (rule === 'none') return { kind: 'not-due' };
  if (rule === 'legal-hold') return { kind: 'held', holdIds: [...context.heldBy] };

  const scope: DeleteScope = isPartitionRoot(
    record.pk,
    record.tier === 'archived' ? archivedSortKey(record.sk) : record.sk,
  )
    ? 'partition'
    : 'item';
  if (record.tier === 'archived') return { kind: 'delete-archived', scope };
  if (record.tier === 'statistics') return { kind: 'delete-statistics', scope };

  const step = actionAtExpiry(policy, record.dataClass);
  const sealFirst = step.sealFirst && record.sealedIn === undefined;
  const action: ExpiryAction = offboarding ? 'delete' : step.action;
  switch (action) {
    case 'delete':
      return { kind: 'delete', scope, sealFirst };
    case 'anonymize':
      return { kind: 'anonymize', sealFirst, statisticsExpireAt: statisticsExpiry(now, policy) };
    case 'archive':
      return { kind: 'archive', sealFirst, archiveExpiresAt: archiveExpiry(now, policy, record.dataClass) };
  }
}

/**
 * An anonymised record is statistics: it is kept as long as the tenant keeps statistics (the
 * aggregate class retention), counted from the anonymisation, then deleted like any aggregate.
 */
export function statisticsExpiry(anonymisedAt: Date, policy: TenantPolicy): Date {
  return expiryInstant(anonymisedAt, retentionFor(policy, 'aggregate'), policy.timeZone);
}

/** An archive pointer takes the place of the record it stands for: `ARCHIVED#<its sort key>`. */
export const ARCHIVED_PREFIX = 'ARCHIVED#';
export const archivePointerSortKey = (sk: string): string => `${ARCHIVED_PREFIX}${sk}`;
export const archivedSortKey = (pointerSk: string): string =>
  pointerSk.startsWith(ARCHIVED_PREFIX) ? pointerSk.slice(ARCHIVED_PREFIX.length) : pointerSk;
