import type { DataClass } from '../data-class';
import { parseDuration } from '../duration';
import type { TenantPolicy } from '../policy/schema';
import { expiryInstant } from './expiry-instant';

/**
 * When an archived copy goes: its archive retention after the transfer to the archive, or the end
 * of the tenant's contract, whichever comes first (Inbenta: "two years after the transfer to the
 * archive, or until termination of the contract, whichever comes first").
 */
export function archiveExpiry(archivedAt: Date, policy: TenantPolicy, dataClass: DataClass, contractEnd?: Date): Date {
  const text = policy.classes[dataClass].archiveRetention;
  const retention = text ? parseDuration(text) : undefined;
  if (!retention) throw new RangeError(`the policy does not archive ${dataClass}: it has no archive retention`);
  const afterRetention = expiryInstant(archivedAt, retention, policy.timeZone);
  return contractEnd && contractEnd < afterRetention ? new Date(contractEnd) : afterRetention;
}
