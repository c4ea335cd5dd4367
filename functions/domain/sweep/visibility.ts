import { isExpired } from '../retention/exact-expiry';

/**
 * Whether a read may show a stored item at `now` (DESIGN §4: every read treats `expiresAt <= now`
 * as absent, whatever the physical state). A record kept past its expiry by a legal hold carries
 * its expiry as `heldExpiresAt` (out of TTL's reach) and stays hidden too: a hold keeps data for
 * the legal claim, it does not bring it back into ordinary use. Items without an expiry (anonymised
 * statistics have one; bookkeeping may not) are visible.
 */
export function isVisibleAt(item: Readonly<Record<string, unknown>>, now: Date): boolean {
  const expiry = typeof item.expiresAt === 'number' ? item.expiresAt : typeof item.heldExpiresAt === 'number' ? item.heldExpiresAt : undefined;
  return expiry === undefined || !isExpired(new Date(expiry * 1000), now);
}
