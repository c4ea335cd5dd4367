import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Clock } from '../../ports/clock';
import type { AdminClaims, AdminTokenVerifier } from '../../ports/admin-tokens';
import { adminClaimsOf } from './admin-claims';

/**
 * Admin ID tokens of the Cognito user pool (RS256), checked against the pool's published keys
 * (fetched once per cold start and on key rotation), its issuer, the admin client as audience,
 * and `token_use: id` (only ID tokens carry the custom tenant and group attributes).
 */
export class CognitoAdminTokens implements AdminTokenVerifier {
  private readonly issuer: string;
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly pool: { id: string; clientId: string },
    private readonly clock: Clock,
  ) {
    const region = pool.id.split('_')[0];
    this.issuer = `https://cognito-idp.${region}.amazonaws.com/${pool.id}`;
    this.keys = createRemoteJWKSet(new URL(`${this.issuer}/.well-known/jwks.json`));
  }

  async verify(token: string): Promise<AdminClaims> {
    const { payload } = await jwtVerify(token, this.keys, {
      algorithms: ['RS256'],
      issuer: this.issuer,
      audience: this.pool.clientId,
      requiredClaims: ['exp', 'sub'],
      currentDate: this.clock.now(),
    });
    if (payload.token_use !== 'id') throw new Error('only Cognito ID tokens carry the tenant: send the ID token');
    return adminClaimsOf(payload);
  }
}
