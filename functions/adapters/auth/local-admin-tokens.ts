import { jwtVerify, SignJWT } from 'jose';
import type { Clock } from '../../ports/clock';
import type { AdminClaims, AdminTokenIssuer, AdminTokenVerifier, VerifiedAdminClaims } from '../../ports/admin-tokens';
import { adminClaimsOf } from './admin-claims';
import { assertAdminIdToken, claimChecks } from './token-checks';

/** Issuer of locally signed admin tokens, so a Cognito token is never taken for one. */
export const LOCAL_TOKEN_ISSUER = 'lethe-local';
/** The local stand-in for the user pool's app client id: the audience of every local token. */
export const LOCAL_TOKEN_AUDIENCE = 'lethe-local-console';
const ALGORITHM = 'HS256';

/**
 * LOCAL ONLY. Admin tokens signed with HS256 under LETHE_LOCAL_TOKEN_SECRET, carrying the claims
 * Cognito puts in its ID tokens, so the authorizer reads both the same way, and checked as Cognito's
 * are (audience, token use, clock skew, lifetime). Time comes from the injected clock, so a token
 * expires when the local clock says so.
 */
export class LocalAdminTokens implements AdminTokenIssuer, AdminTokenVerifier {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly clock: Clock,
  ) {
    if (secret.length < 32) throw new RangeError('the local token secret must be at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  issue(claims: AdminClaims, ttlSeconds: number): Promise<string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const { sub, ...custom } = claims;
    return new SignJWT({ ...custom, token_use: 'id' })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(sub)
      .setIssuer(LOCAL_TOKEN_ISSUER)
      .setAudience(LOCAL_TOKEN_AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + ttlSeconds)
      .sign(this.key);
  }

  async verify(token: string): Promise<VerifiedAdminClaims> {
    const { payload } = await jwtVerify(token, this.key, {
      algorithms: [ALGORITHM],
      issuer: LOCAL_TOKEN_ISSUER,
      ...claimChecks(LOCAL_TOKEN_AUDIENCE, this.clock.now()),
    });
    assertAdminIdToken(payload, this.clock.now());
    return adminClaimsOf(payload);
  }
}
