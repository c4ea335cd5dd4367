import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { container, type Container } from '../shared/container';
import { adminPrincipalOf, authorizerContextOf, type Principal } from '../shared/principal';
import { revocationKey, revokes } from '../usecases/staff/session-revocations';
import { apiKeyHash } from '../usecases/tenants/api-key';

/**
 * The one authorizer function of the API (REQUEST authorizers; API Gateway caches its decisions per
 * credential for AUTHORIZER_CACHE_TTL on routes that take one kind, infra/constructs/lethe-api.ts):
 * - `x-api-key` → its SHA-256 → the directory → the tenant: an `ingest` principal;
 * - `Authorization: Bearer <jwt>` → verified (Cognito in AWS, the local secret locally) → an
 *   `admin` principal with role, group, user and support flag;
 * - nothing, an unknown key, a bad or expired token, a token signed in before its user's sessions
 *   were revoked (disabled, deleted, role changed: usecases/staff/session-revocations.ts), an
 *   unknown tenant → 401 (API Gateway wants exactly the message "Unauthorized");
 * - a terminated tenant, or a user in no Lethe role → 403 (an explicit Deny);
 * - both an API key and a token → 401: a decision depends on one credential only, the one a cached
 *   decision is keyed on.
 * An Allow or Deny covers every method of the API stage, because API Gateway reuses a cached
 * decision for every route behind the same authorizer; each handler still checks the principal.
 * Handlers read the principal from `requestContext.authorizer` with `principalOf` (shared/http.ts).
 */
export type AuthorizerDeps = Pick<Container, 'directory' | 'adminTokens' | 'logger'>;

/** A token's user and when they signed in (`auth_time`, else `iat`; epoch seconds). */
type Session = { userId: string; signedInAt: number };
/** Who the credentials name: a principal, or a tenant whose user may not use Lethe (no role); `session` for a token. */
type Identified = ({ principal: Principal } | { tenantId: string; denial: string }) & { session?: Session };

export async function handler(event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> {
  return authorize(event, container());
}

export async function authorize(
  event: APIGatewayRequestAuthorizerEvent,
  deps: AuthorizerDeps,
): Promise<APIGatewayAuthorizerResult> {
  const identified = await identify(event, deps);
  const tenantId = 'principal' in identified ? identified.principal.tenantId : identified.tenantId;
  const { session } = identified;
  // The revocation lives in the tenant's partition beside the profile: one read for both.
  const { profile, item: revocation } = session
    ? await deps.directory.getProfileWithItem(tenantId, revocationKey(session.userId))
    : { profile: await deps.directory.getProfile(tenantId), item: undefined };
  if (!profile) refuse(deps, 'unknown tenant');
  if (session && revokes(revocation, session.signedInAt)) refuse(deps, "the token predates its user's revocation");
  if (profile.status !== 'active') return deny(event, deps, tenantId, `tenant ${profile.status}`);
  if (!('principal' in identified)) return deny(event, deps, tenantId, identified.denial);
  const { principal } = identified;
  const principalId = principal.kind === 'admin' ? `${tenantId}/${principal.userId}` : tenantId;
  return policy(event, principalId, 'Allow', authorizerContextOf(principal));
}

async function identify(event: APIGatewayRequestAuthorizerEvent, deps: AuthorizerDeps): Promise<Identified> {
  const apiKey = header(event, 'x-api-key');
  if (apiKey && header(event, 'authorization')) refuse(deps, 'both an api key and a token');
  if (apiKey) {
    const record = await deps.directory.apiKeyByHash(apiKeyHash(apiKey));
    if (!record) refuse(deps, 'unknown api key');
    return { principal: { kind: 'ingest', tenantId: record.tenantId } };
  }
  const token = /^Bearer\s+(\S+)\s*$/i.exec(header(event, 'authorization') ?? '')?.[1];
  if (!token) refuse(deps, 'no credentials');
  if (!deps.adminTokens) refuse(deps, 'admin tokens are not configured');
  const claims = await deps.adminTokens
    .verify(token)
    .catch((error: unknown) =>
      refuse(deps, `admin token rejected: ${error instanceof Error ? error.message : String(error)}`),
    );
  const principal = adminPrincipalOf(claims);
  const session = { userId: claims.sub, signedInAt: claims.auth_time ?? claims.iat };
  return principal
    ? { principal, session }
    : { tenantId: claims['custom:tenant'], denial: 'the user has no Lethe role', session };
}

/** 401. The reason is logged (never the key or token), the caller learns nothing more. */
function refuse(deps: AuthorizerDeps, reason: string): never {
  deps.logger.info('authorization refused', { reason });
  throw new Error('Unauthorized');
}

function deny(
  event: APIGatewayRequestAuthorizerEvent,
  deps: AuthorizerDeps,
  tenantId: string,
  reason: string,
): APIGatewayAuthorizerResult {
  deps.logger.info('authorization denied', { reason });
  return policy(event, tenantId, 'Deny');
}

/** A header by name, whatever its case; blank counts as absent. */
function header(event: APIGatewayRequestAuthorizerEvent, name: string): string | undefined {
  const value = Object.entries(event.headers ?? {})
    .find(([k]) => k.toLowerCase() === name)?.[1]
    ?.trim();
  return value || undefined;
}

function policy(
  event: APIGatewayRequestAuthorizerEvent,
  principalId: string,
  effect: 'Allow' | 'Deny',
  context?: APIGatewayAuthorizerResult['context'],
): APIGatewayAuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: '2012-10-17',
      Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: stageWide(event.methodArn) }],
    },
    ...(context ? { context } : {}),
  };
}

/** `arn:aws:execute-api:<region>:<account>:<api>/<stage>/*` from a method ARN (`…:<api>/<stage>/<verb>/<path>`). */
function stageWide(methodArn: string): string {
  const [api, stage] = methodArn.split('/');
  if (!api?.startsWith('arn:') || !stage) throw new Error('methodArn is not an execute-api method ARN');
  return `${api}/${stage}/*`;
}
