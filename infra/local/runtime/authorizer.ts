import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { AuthorizerModel } from './api-model';
import type { GatewayErrorType } from './gateway-responses';
import { describeError, type FunctionHost } from './lambda-host';
import { header } from './proxy-event';

export type AuthorizerOutcome =
  | { kind: 'allow'; authorizer: Record<string, string> }
  | { kind: 'refuse'; type: GatewayErrorType; message: string; log?: string };

interface PolicyStatement {
  Effect?: string;
  Action?: string | string[];
  Resource?: string | string[];
}

/**
 * Runs a Lambda REQUEST (or TOKEN) authorizer the way API Gateway does: the same event shape, the
 * result's policy checked against the method ARN, its `context` passed on (values as strings) to
 * `requestContext.authorizer`. Throwing `Unauthorized` means 401; a Deny or no Allow means 403.
 * Results are not cached locally: a revoked credential stops at once here, within the TTL in AWS.
 */
export async function runAuthorizer(
  host: FunctionHost,
  authorizer: AuthorizerModel,
  event: APIGatewayProxyEvent,
  methodArn: string,
): Promise<AuthorizerOutcome> {
  const missing = missingIdentitySource(authorizer, event);
  if (missing) return { kind: 'refuse', type: 'UNAUTHORIZED', message: 'Unauthorized' };
  const input =
    authorizer.type === 'TOKEN'
      ? {
          type: 'TOKEN',
          methodArn,
          authorizationToken: header(event.headers as Record<string, string>, tokenHeader(authorizer)),
        }
      : { type: 'REQUEST', methodArn, ...withoutAuthorizer(event) };
  const outcome = await host.invoke(authorizer.target, input, event.requestContext.requestId);
  if (outcome.kind === 'timeout')
    return {
      kind: 'refuse',
      type: 'AUTHORIZER_FAILURE',
      message: 'Authorizer timed out',
      log: `authorizer ${authorizer.target.functionName} timed out`,
    };
  if (outcome.kind === 'error') {
    if (outcome.error instanceof Error && outcome.error.message === 'Unauthorized')
      return { kind: 'refuse', type: 'UNAUTHORIZED', message: 'Unauthorized' };
    return {
      kind: 'refuse',
      type: 'AUTHORIZER_FAILURE',
      message: 'Internal server error',
      log: describeError(outcome.error),
    };
  }
  const result = (outcome.value ?? {}) as {
    principalId?: unknown;
    policyDocument?: { Statement?: PolicyStatement[] };
    context?: Record<string, unknown>;
  };
  const context = authorizerContext(result.context);
  if (typeof result.principalId !== 'string' || !result.policyDocument || !context)
    return {
      kind: 'refuse',
      type: 'AUTHORIZER_CONFIGURATION_ERROR',
      message: 'Internal server error',
      log: `authorizer ${authorizer.target.functionName} returned no principalId/policyDocument, or a context value that is not a string, number or boolean`,
    };
  const decision = policyDecision(result.policyDocument.Statement ?? [], methodArn);
  if (decision === 'explicit-deny')
    return {
      kind: 'refuse',
      type: 'ACCESS_DENIED',
      message: 'User is not authorized to access this resource with an explicit deny',
    };
  if (decision === 'implicit-deny')
    return { kind: 'refuse', type: 'ACCESS_DENIED', message: 'User is not authorized to access this resource' };
  return { kind: 'allow', authorizer: { ...context, principalId: result.principalId } };
}

/** Whether the authorizer's policy lets the caller invoke `methodArn`: an explicit Deny wins. */
export function policyDecision(
  statements: PolicyStatement[],
  methodArn: string,
): 'allow' | 'explicit-deny' | 'implicit-deny' {
  const covers = (s: PolicyStatement) =>
    [s.Action ?? []].flat().some((a) => /^(\*|execute-api:\*|execute-api:invoke)$/i.test(a)) &&
    [s.Resource ?? []].flat().some((r) => globToRegExp(r).test(methodArn));
  if (statements.some((s) => s.Effect === 'Deny' && covers(s))) return 'explicit-deny';
  return statements.some((s) => s.Effect === 'Allow' && covers(s)) ? 'allow' : 'implicit-deny';
}

/** API Gateway passes context values on as strings and refuses objects and arrays. */
export function authorizerContext(context: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(context ?? {})) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return undefined;
    out[k] = String(v);
  }
  return out;
}

function missingIdentitySource(authorizer: AuthorizerModel, event: APIGatewayProxyEvent): boolean {
  const sources =
    authorizer.type === 'TOKEN'
      ? [`method.request.header.${tokenHeader(authorizer)}`]
      : authorizer.ttlSeconds > 0
        ? authorizer.identitySources
        : [];
  return sources.some((source) => {
    const [, where, name] = /^method\.request\.(header|querystring)\.(.+)$/.exec(source) ?? [];
    if (where === 'header') return !header(event.headers as Record<string, string>, name);
    if (where === 'querystring') return !event.queryStringParameters?.[name];
    return false;
  });
}

function tokenHeader(authorizer: AuthorizerModel): string {
  const source = authorizer.identitySources[0] ?? 'method.request.header.Authorization';
  return source.replace(/^method\.request\.header\./, '');
}

function withoutAuthorizer(event: APIGatewayProxyEvent) {
  const { body: _body, isBase64Encoded: _encoded, ...rest } = event;
  const { authorizer: _authorizer, ...requestContext } = event.requestContext;
  return { ...rest, requestContext };
}

function globToRegExp(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}
