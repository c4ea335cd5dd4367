import { isExpired } from './exact-expiry';

/**
 * A stored item's expiry in epoch seconds: `expiresAt`, or `heldExpiresAt` while a legal hold
 * keeps it out of TTL's reach (functions/usecases/holds/hold-protection.ts). Undefined for items
 * without one (bookkeeping).
 */
export function expirySecondsOf(item: Readonly<Record<string, unknown>>): number | undefined {
  return typeof item.expiresAt === 'number'
    ? item.expiresAt
    : typeof item.heldExpiresAt === 'number'
      ? item.heldExpiresAt
      : undefined;
}

/** Who reads: the legal role and admins may see what a legal hold keeps past its expiry (issue 10). */
export interface Reader {
  seesHeld: boolean;
}
/** An ordinary read (channels, advisors, managers, support, every internal read-back). */
export const ORDINARY_READER: Reader = { seesHeld: false };

/**
 * How a read may show a stored item at `now` (DESIGN §4: every read treats `expiresAt <= now` as
 * absent, whatever the physical state): `live` before its expiry; past it, `held` when a legal hold
 * keeps it (its expiry is then `heldExpiresAt`) and the reader may see held data, else `gone`. The
 * one place this rule lives: every read path filters with it. Items without an expiry (bookkeeping)
 * are live.
 */
export function visibilityAt(
  item: Readonly<Record<string, unknown>>,
  now: Date,
  reader: Reader = ORDINARY_READER,
): 'live' | 'held' | 'gone' {
  const expiry = expirySecondsOf(item);
  if (expiry === undefined || !isExpired(new Date(expiry * 1000), now)) return 'live';
  return reader.seesHeld && typeof item.heldExpiresAt === 'number' ? 'held' : 'gone';
}

/** Whether a read may show a stored item at `now` (see `visibilityAt`). */
export const isVisibleAt = (
  item: Readonly<Record<string, unknown>>,
  now: Date,
  reader: Reader = ORDINARY_READER,
): boolean => visibilityAt(item, now, reader) !== 'gone';
