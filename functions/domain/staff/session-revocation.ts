/** Cognito's longest ID-token validity (1 day): a token meant to live longer was issued by nobody we trust. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
/** How far ahead of ours the issuer's clock may be when it stamps `iat`. Expiry is exact. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Whether a token signed in at `signedInAtSeconds` (its `auth_time`, else `iat`) falls to a
 * revocation recorded at `revokedBefore` (ISO-8601). Token times are whole seconds, so a token of
 * the revocation's own second counts as revoked: the user signs in again a second later.
 */
export function isRevoked(signedInAtSeconds: number, revokedBefore: string): boolean {
  return signedInAtSeconds * 1000 <= Date.parse(revokedBefore);
}

/**
 * When a revocation recorded at `revokedAt` stops mattering (epoch seconds, the table's TTL): by
 * then every token signed before it has expired, even one stamped at the skew's limit.
 */
export const revocationExpiry = (revokedAt: Date): number =>
  Math.ceil(revokedAt.getTime() / 1000) + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS;
