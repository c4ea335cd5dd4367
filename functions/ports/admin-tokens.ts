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

/** Checks an admin token's signature, issuer and expiry; throws on anything wrong. */
export interface AdminTokenVerifier {
  verify(token: string): Promise<AdminClaims>;
}

/** Signs admin tokens: only where Lethe holds the signing key (the local runtime). */
export interface AdminTokenIssuer {
  issue(claims: AdminClaims, ttlSeconds: number): Promise<string>;
}
