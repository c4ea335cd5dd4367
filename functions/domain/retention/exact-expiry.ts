/**
 * The DynamoDB TTL attribute for an expiry instant: epoch seconds rounded up, so TTL can never
 * remove a record before its expiry (it acts days later anyway; reads hide the record on time).
 */
export function ttlEpochSeconds(expiry: Date): number {
  return Math.ceil(expiry.getTime() / 1000);
}

/** A record is invisible from its expiry instant on, whatever its physical state. */
export function isExpired(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() <= now.getTime();
}
