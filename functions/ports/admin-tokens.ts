/**
 * The claims of an admin token, named as Cognito names them in its ID tokens, so one authorizer
 * reads Cognito tokens in AWS and locally signed tokens alike.
 */
export interface AdminClaims {
  /** The staff user's id. */
  sub: string;
  'custom:tenant': string;
  'custom:group'?: string;
  'cognito:groups': string[];
}

/** The claims of a verified token: also when it was issued and when its user signed in (`auth_time`, Cognito's only). */
export type VerifiedAdminClaims = AdminClaims & { iat: number; auth_time?: number };

/** Checks an admin token's signature, issuer and expiry; throws on anything wrong. */
export interface AdminTokenVerifier {
  verify(token: string): Promise<VerifiedAdminClaims>;
}

/** Signs admin tokens: only where Lethe holds the signing key (the local runtime). */
export interface AdminTokenIssuer {
  issue(claims: AdminClaims, ttlSeconds: number): Promise<string>;
}
