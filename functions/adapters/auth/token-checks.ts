import type { JWTPayload, JWTVerifyOptions } from 'jose';
import { CLOCK_SKEW_SECONDS, MAX_TOKEN_LIFETIME_SECONDS } from '../../domain/staff/session-revocation';

/** The claim checks jose makes for every admin token, Cognito's in AWS as the locally signed ones: one of our clients as audience, expiry. */
export const claimChecks = (audience: string | string[], now: Date): JWTVerifyOptions => ({
  audience,
  requiredClaims: ['exp', 'iat', 'sub'],
  currentDate: now,
});

/**
 * What signature and claim checks leave open: only ID tokens carry the tenant, none is issued
 * later than the clock skew allows, and none lives longer than Cognito allows (so none is older).
 */
export function assertAdminIdToken(payload: JWTPayload, now: Date): void {
  const [iat, exp] = [payload.iat ?? 0, payload.exp ?? 0];
  if (payload.token_use !== 'id')
    throw new Error('only ID tokens carry the tenant (token_use must be id): send the ID token');
  if (iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS)
    throw new Error(`the token's iat lies more than ${CLOCK_SKEW_SECONDS} s in the future`);
  if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS)
    throw new Error(`the token lives longer than ${MAX_TOKEN_LIFETIME_SECONDS} s`);
}
