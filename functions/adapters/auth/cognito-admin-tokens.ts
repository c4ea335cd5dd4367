import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Clock } from '../../ports/clock';
import type { AdminTokenVerifier, VerifiedAdminClaims } from '../../ports/admin-tokens';
import { adminClaimsOf } from './admin-claims';
import { assertAdminIdToken, claimChecks } from './token-checks';

/**
 * Admin ID tokens of the Cognito user pool (RS256), checked against the pool's published keys
 * (fetched once per cold start and on key rotation), its issuer, and the checks every admin
 * token passes (token-checks.ts: an app client of the pool as audience, the console's or the CLI's,
 * `token_use: id`, clock skew, lifetime).
 */
export class CognitoAdminTokens implements AdminTokenVerifier {
  private readonly issuer: string;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly pool: { id: string; clientId: string; cliClientId?: string },
    private readonly clock: Clock,
  ) {
    const region = pool.id.split('_')[0];
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${pool.id}`;
    this.keys = createRemoteJWKSet(new URL(`${this.issuer}/.well-known/jwks.json`));
  }

  async verify(token: string): Promise<VerifiedAdminClaims> {
    const { payload } = await jwtVerify(token, this.keys, {
      algorithms: ['RS256'],
      issuer: this.issuer,
      ...claimChecks(audiencesOf(this.pool), this.clock.now()),
    });
    assertAdminIdToken(payload, this.clock.now());
    return adminClaimsOf(payload);
  }
}

/** The app clients whose ID tokens count: the console's, and the CLI's where the stack has one. */
export const audiencesOf = (pool: { clientId: string; cliClientId?: string }): string[] =>
  pool.cliClientId ? [pool.clientId, pool.cliClientId] : [pool.clientId];
