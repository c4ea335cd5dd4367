import type { LocalCloud, LocalStack } from '../provisioning/local-cloud';
import { resourcesOfType } from '../provisioning/template';
import { lambdaTarget, referencedFunction, type LambdaTarget } from './lambda-target';

export interface GatewayResponseSpec {
  statusCode?: number;
  templates: Record<string, string>;
  headers: Record<string, string>;
}

export interface RestApiModel {
  logicalId: string;
  apiId: string;
  stackName: string;
  region: string;
  stage: string;
  binaryMediaTypes: string[];
  gatewayResponses: Record<string, GatewayResponseSpec>;
}

export interface AuthorizerModel {
  logicalId: string;
  type: 'REQUEST' | 'TOKEN';
  target: LambdaTarget;
  /** e.g. `method.request.header.Authorization`. */
  identitySources: string[];
  ttlSeconds: number;
}

/** COGNITO_USER_POOLS has no local counterpart: such routes are reported and not served. */
export type AuthorizationType = 'NONE' | 'AWS_IAM' | 'CUSTOM';

export interface RouteModel {
  api: RestApiModel;
  resourceId: string;
  /** Resource path with parameters, e.g. `/v1/tenants/{tenantId}`. */
  path: string;
  /** GET, POST, ... or ANY. */
  method: string;
  authorizationType: AuthorizationType;
  authorizer?: AuthorizerModel;
  target: LambdaTarget;
}

export interface ApiModel {
  routes: RouteModel[];
  /** What the template declares that the local runtime cannot serve, for the start-up log. */
  problems: string[];
}

/**
 * Reads the routes API Gateway would serve from the templates: the AWS::ApiGateway::Resource tree
 * gives each path, each AWS::ApiGateway::Method its HTTP method, authorization and the Lambda its
 * proxy integration calls.
 */
export function buildApiModel(cloud: LocalCloud): ApiModel {
  const model: ApiModel = { routes: [], problems: [] };
  for (const stack of cloud.stacks) {
    const apis = new Map(
      resourcesOfType(stack.template, 'AWS::ApiGateway::RestApi').map(([id, r]) => [
        id,
        restApi(stack, id, r.Properties ?? {}),
      ]),
    );
    for (const [methodId, method] of resourcesOfType(stack.template, 'AWS::ApiGateway::Method')) {
      const props = method.Properties ?? {};
      const api = apis.get(String((props.RestApiId as { Ref?: string })?.Ref));
      if (!api) {
        model.problems.push(`${stack.stackName}/${methodId}: its RestApi is not in the stack`);
        continue;
      }
      const path = resourcePath(stack, props.ResourceId);
      const httpMethod = String(props.HttpMethod);
      const integration = (props.Integration ?? {}) as Record<string, unknown>;
      const fnId = integration.Type === 'AWS_PROXY' ? referencedFunction(stack, integration.Uri) : undefined;
      const target = fnId
        ? lambdaTarget(stack, fnId)
        : { problem: `integration ${String(integration.Type)} is not a Lambda proxy` };
      if ('problem' in target) {
        model.problems.push(`${httpMethod} ${path} is not served locally: ${target.problem}`);
        continue;
      }
      const authorizationType = String(props.AuthorizationType ?? 'NONE');
      if (!['NONE', 'AWS_IAM', 'CUSTOM'].includes(authorizationType)) {
        model.problems.push(
          `${httpMethod} ${path} is not served locally: ${authorizationType} authorization has no local counterpart`,
        );
        continue;
      }
      const authorizerId = (props.AuthorizerId as { Ref?: string } | undefined)?.Ref;
      const authorizer = authorizerId ? authorizerModel(stack, authorizerId) : undefined;
      if (authorizer && 'problem' in authorizer) {
        model.problems.push(`${httpMethod} ${path} is not served locally: ${authorizer.problem}`);
        continue;
      }
      model.routes.push({
        api,
        resourceId: (props.ResourceId as { Ref?: string }).Ref ?? 'root',
        path,
        method: httpMethod,
        authorizationType: authorizationType as AuthorizationType,
        authorizer,
        target,
      });
    }
  }
  return model;
}

function restApi(stack: LocalStack, logicalId: string, props: Record<string, unknown>): RestApiModel {
  const stage = resourcesOfType(stack.template, 'AWS::ApiGateway::Stage').find(
    ([, s]) => (s.Properties?.RestApiId as { Ref?: string })?.Ref === logicalId,
  );
  const gatewayResponses: Record<string, GatewayResponseSpec> = {};
  for (const [, r] of resourcesOfType(stack.template, 'AWS::ApiGateway::GatewayResponse')) {
    if ((r.Properties?.RestApiId as { Ref?: string })?.Ref !== logicalId) continue;
    const p = stack.resolve(r.Properties ?? {}) as Record<string, unknown>;
    const headers = Object.fromEntries(
      Object.entries((p.ResponseParameters ?? {}) as Record<string, string>)
        .filter(([k]) => k.startsWith('gatewayresponse.header.'))
        .map(([k, v]) => [k.slice('gatewayresponse.header.'.length), v.replace(/^'(.*)'$/, '$1')]),
    );
    gatewayResponses[String(p.ResponseType)] = {
      statusCode: p.StatusCode === undefined ? undefined : Number(p.StatusCode),
      templates: (p.ResponseTemplates ?? {}) as Record<string, string>,
      headers,
    };
  }
  return {
    logicalId,
    apiId: stack.ref(logicalId),
    stackName: stack.stackName,
    region: stack.region,
    stage: stage ? stack.resolveString(stage[1].Properties?.StageName, 'StageName') : 'local',
    binaryMediaTypes: ((stack.resolve(props.BinaryMediaTypes) ?? []) as string[]).map((t) => t.replace(/~1/g, '/')),
    gatewayResponses,
  };
}

/** `/v1/tenants/{tenantId}` from the chain of AWS::ApiGateway::Resource parents. */
function resourcePath(stack: LocalStack, resourceId: unknown): string {
  const parts: string[] = [];
  let current = resourceId as { Ref?: string } | undefined;
  while (current?.Ref) {
    const props = stack.resource(current.Ref).Properties ?? {};
    parts.unshift(String(props.PathPart));
    current = props.ParentId as { Ref?: string } | undefined;
  }
  return `/${parts.join('/')}`;
}

function authorizerModel(stack: LocalStack, logicalId: string): AuthorizerModel | { problem: string } {
  const props = stack.resource(logicalId).Properties ?? {};
  const type = String(props.Type);
  if (type !== 'REQUEST' && type !== 'TOKEN')
    return { problem: `authorizer ${logicalId} is ${type}, which has no local counterpart` };
  const fnId = referencedFunction(stack, props.AuthorizerUri);
  const target = fnId
    ? lambdaTarget(stack, fnId)
    : { problem: `authorizer ${logicalId} does not call a Lambda function of its stack` };
  if ('problem' in target) return target;
  const sources =
    props.IdentitySource === undefined
      ? []
      : String(stack.resolve(props.IdentitySource))
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  return {
    logicalId,
    type,
    target,
    identitySources: sources,
    ttlSeconds: Number(props.AuthorizerResultTtlInSeconds ?? 300),
  };
}
