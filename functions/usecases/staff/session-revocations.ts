import { isRevoked, revocationExpiry } from '../../domain/staff/session-revocation';
import type { Clock } from '../../ports/clock';
import type { TenantDirectory, TenantItem } from '../../ports/tenant-directory';

/**
 * A staff user's revocation, in their tenant's partition of the directory beside the profile the
 * authorizer reads anyway (so it costs no extra round trip). Keyed and filled by ids and instants
 * only: no e-mail, nothing personal beyond the user id the audit log already names.
 */
export const revocationKey = (userId: string) => `REVOKED#${userId}`;

/**
 * Ends every session the user holds now: the authorizer refuses any token signed in up to this
 * instant (within its cache TTL); tokens signed in later pass, so a user let back in signs in anew.
 * Called before the directory change: should that fail, the user merely signs in again, whereas the
 * other order could leave a disabled user's tokens working.
 */
export async function revokeSessions(
  deps: { directory: TenantDirectory; clock: Clock },
  tenantId: string,
  userId: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.directory.putItem({
    tenantId,
    sk: revocationKey(userId),
    revokedBefore: now.toISOString(),
    expiresAt: revocationExpiry(now),
  });
}

/** Whether `revocation` (the item under revocationKey, if any) ends a token signed in at `signedInAtSeconds`. */
export const revokes = (revocation: TenantItem | undefined, signedInAtSeconds: number): boolean =>
  typeof revocation?.revokedBefore === 'string' && isRevoked(signedInAtSeconds, revocation.revokedBefore);
