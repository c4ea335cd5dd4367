import { CHANNELS, type Channel, type DataClass } from '../data-class';
import type { TenantPolicy } from '../policy/schema';
import { isExpired } from '../retention/exact-expiry';
import { expiryInstant } from '../retention/expiry-instant';
import { recomputeExpiry, type ExpiryChange } from '../retention/record-expiry';
import { retentionFor } from '../retention/retention-for';
import type { RecordTier } from './due-record';

/** Classes whose records carry an expiry the retention of the class decides (records table). */
export const REBUCKETED_CLASSES = [
  'interaction',
  'transcript',
  'recording',
  'survey',
  'event',
  'consent',
  'audit',
] as const satisfies readonly DataClass[];

const sameDuration = (a: TenantPolicy, b: TenantPolicy, dataClass: DataClass, channel?: Channel) =>
  JSON.stringify(retentionFor(a, dataClass, channel)) === JSON.stringify(retentionFor(b, dataClass, channel));

/**
 * Whether records of `dataClass` written under `before` may expire at another instant under
 * `after`: its retention changed for the class or for one of the channels, or the tenant moved to
 * another time zone (calendar retention is counted on the tenant's wall clock).
 */
export function retentionChanged(before: TenantPolicy, after: TenantPolicy, dataClass: DataClass): boolean {
  if (before.timeZone !== after.timeZone) return true;
  return [undefined, ...CHANNELS].some((channel) => !sameDuration(before, after, dataClass, channel));
}

/**
 * The latest instant a live record of `dataClass` written up to `now` can expire under `policy`:
 * the sweep re-buckets the due days from today through this one after a change, and nothing later
 * can hold a record written under that policy.
 */
export function expiryHorizon(policy: TenantPolicy, dataClass: DataClass, now: Date): Date {
  const expiries = [undefined, ...CHANNELS].map((channel) =>
    expiryInstant(now, retentionFor(policy, dataClass, channel), policy.timeZone).getTime(),
  );
  return new Date(Math.max(...expiries));
}

/** What a policy change does to one record found in its old bucket. */
export type RebucketStep =
  | { kind: 'skip' }
  | { kind: 'keep'; change: ExpiryChange }
  | { kind: 'move'; expiresAt: Date; change: ExpiryChange };

/**
 * Applies the current policy to a live record written under an older one (`recomputeExpiry`):
 * shortened or lengthened, it moves to the bucket of its new expiry; a shortened one already
 * past its new expiry is due in this very sweep. Archived copies and anonymised statistics follow
 * their own clocks, not the class retention, and stay where they are.
 */
export function planRebucket(
  record: { tier: RecordTier; dataClass: DataClass; channel?: Channel; createdAt: Date; expiresAt: Date },
  policy: TenantPolicy,
  now: Date,
): RebucketStep {
  if (record.tier !== 'live') return { kind: 'skip' };
  const { expiresAt, change } = recomputeExpiry(record, policy, now);
  if (change === 'unchanged' || change === 'already-expired') return { kind: 'keep', change };
  return { kind: 'move', expiresAt, change };
}

/** How many records one policy change affected in one tenant × class × region. */
export interface PolicyChangeImpact {
  tenantId: string;
  region: string;
  dataClass: DataClass;
  fromRevision: number;
  toRevision: number;
  shortened: number;
  lengthened: number;
  unchanged: number;
  /** Moved by the change to an expiry already passed: swept in the same run. */
  dueNow: number;
}

export function emptyImpact(
  key: Pick<PolicyChangeImpact, 'tenantId' | 'region' | 'dataClass' | 'fromRevision' | 'toRevision'>,
): PolicyChangeImpact {
  return { ...key, shortened: 0, lengthened: 0, unchanged: 0, dueNow: 0 };
}

/** Counts one re-bucketing outcome into `impact`. */
export function countRebucket(impact: PolicyChangeImpact, step: RebucketStep, now: Date): void {
  if (step.kind === 'skip') return;
  if (step.change === 'shortened') impact.shortened++;
  else if (step.change === 'lengthened') impact.lengthened++;
  else impact.unchanged++;
  if (step.kind === 'move' && isExpired(step.expiresAt, now)) impact.dueNow++;
}
