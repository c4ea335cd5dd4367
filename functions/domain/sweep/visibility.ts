import { isExpired } from '../retention/exact-expiry';

/**
 * A stored item's expiry in epoch seconds: `expiresAt`, or `heldExpiresAt` while a legal hold
 * keeps it out of TTL's reach (functions/usecases/holds/hold-protection.ts). Undefined for items
 * without one (bookkeeping).
 */
export function expirySecondsOf(item: Readonly<Record<string, unknown>>): number | undefined {
  return typeof item.expiresAt === 'number' ? item.expiresAt : typeof item.heldExpiresAt === 'number' ? item.heldExpiresAt : undefined;
}

/**
 * Whether a read may show a stored item at `now` (DESIGN §4: every read treats `expiresAt <= now`
 * as absent, whatever the physical state). The one place this rule lives: every ordinary read path
 * filters with it. A record kept past its expiry by a legal hold carries its expiry as
 * `heldExpiresAt` and stays hidden too: a hold keeps data for the legal claim, it does not bring it
 * back into ordinary use (the hold, litigation and subject-request paths read the table directly).
 * Items without an expiry (anonymised statistics have one; bookkeeping may not) are visible.
 */
export function isVisibleAt(item: Readonly<Record<string, unknown>>, now: Date): boolean {
  const expiry = expirySecondsOf(item);
  return expiry === undefined || !isExpired(new Date(expiry * 1000), now);
}
