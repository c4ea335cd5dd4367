import { Duration, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { RouteAuth, RouteSpec, TenantCredential } from '../config/handlers';
import { retentionDays } from './log-retention';

/** The deployed stage. Paths carry their own version (`/v1/...`), so the stage name is not part of the contract. */
export const STAGE_NAME = 'prod';

/**
 * How long API Gateway reuses the tenant authorizer's decision for one credential: a revoked API
 * key, a terminated tenant or a removed user is refused at the latest this long after the change
 * (README, Operations: "Revoking access").
 */
export const AUTHORIZER_CACHE_TTL = Duration.minutes(5);

/** The header each cached authorizer keys its decisions on. */
const CREDENTIAL_HEADER: Record<TenantCredential, string> = { 'api-key': 'x-api-key', 'admin-token': 'Authorization' };

export interface LetheApiProps {
  restApiName: string;
  logRetentionDays: number;
  /** The tenant authorizer; routes with `auth: 'tenant'` need it. */
  authorizerFunction?: lambda.IFunction;
  /** Steady requests per second and burst across the stage. */
  throttle?: { rateLimit: number; burstLimit: number };
}

/**
 * Error bodies API Gateway itself produces, in the API's error format. Messages come from API
 * Gateway and never echo the request.
 */
const GATEWAY_ERRORS: { type: apigw.ResponseType; status: string; code: string }[] = [
  { type: apigw.ResponseType.UNAUTHORIZED, status: '401', code: 'UNAUTHORIZED' },
  { type: apigw.ResponseType.ACCESS_DENIED, status: '403', code: 'FORBIDDEN' },
  { type: apigw.ResponseType.REQUEST_TOO_LARGE, status: '413', code: 'PAYLOAD_TOO_LARGE' },
  { type: apigw.ResponseType.THROTTLED, status: '429', code: 'TOO_MANY_REQUESTS' },
  { type: apigw.ResponseType.DEFAULT_5XX, status: '500', code: 'INTERNAL' },
];

/**
 * Responses API Gateway passes on as bytes (a Lambda answers them base64-encoded): the admin API's
 * xlsx export. A client asks for one with that Accept header; JSON and text stay as they are.
 */
const BINARY_MEDIA_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'];

/** Why a method does not use a Cognito authorizer (AwsSolutions-COG4), per kind of auth. */
const NOT_COGNITO: Record<RouteAuth, string> = {
  tenant:
    'The tenant authorizer is a Lambda REQUEST authorizer because it accepts ingest API keys (x-api-key) as well as Cognito admin JWTs, which a Cognito authorizer cannot.',
  iam: 'Operator-only route signed with SigV4 (AWS_IAM); operators are IAM principals, not Cognito users.',
  none: "Public by design and free of tenant data: the liveness probe (status and version), the OpenAPI document and the console's static files (the console authenticates every API call with a Bearer token).",
};

/**
 * The REST API: regional endpoint, stage `prod` with throttling, X-Ray, execution logs at ERROR
 * (no request/response data traces: bodies hold personal data) and JSON access logs without the
 * caller's IP or user agent. Every route is a Lambda proxy integration; `tenant` routes go through
 * the tenant authorizer function: cached for AUTHORIZER_CACHE_TTL per credential where the route
 * takes one kind only (API key or admin token), run on every request where it takes either; `iam`
 * routes need SigV4.
 */
export class LetheApi extends Construct {
  readonly api: apigw.RestApi;
  private readonly validator: apigw.RequestValidator;
  private readonly authorizers = new Map<TenantCredential | 'either', apigw.RequestAuthorizer>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: LetheApiProps,
  ) {
    super(scope, id);
    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: retentionDays(props.logRetentionDays) });
    const throttle = props.throttle ?? { rateLimit: 100, burstLimit: 200 };

    this.api = new apigw.RestApi(this, 'Api', {
      restApiName: props.restApiName,
      description: 'Lethe: lawful customer-service conversation data.',
      endpointTypes: [apigw.EndpointType.REGIONAL],
      binaryMediaTypes: BINARY_MEDIA_TYPES,
      // The account-level role API Gateway needs to write execution and access logs.
      cloudWatchRole: true,
      deployOptions: {
        stageName: STAGE_NAME,
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        tracingEnabled: true,
        metricsEnabled: true,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        accessLogDestination: new apigw.LogGroupLogDestination(accessLogs),
        accessLogFormat: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: apigw.AccessLogField.contextRequestId(),
            time: apigw.AccessLogField.contextRequestTime(),
            method: apigw.AccessLogField.contextHttpMethod(),
            resource: apigw.AccessLogField.contextResourcePath(),
            status: apigw.AccessLogField.contextStatus(),
            latencyMs: apigw.AccessLogField.contextResponseLatency(),
            responseLength: apigw.AccessLogField.contextResponseLength(),
            authorizerStatus: apigw.AccessLogField.contextAuthorizeStatus(),
            errorType: apigw.AccessLogField.contextErrorResponseType(),
          }),
        ),
      },
    });
    this.validator = this.api.addRequestValidator('Validator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });
    for (const e of GATEWAY_ERRORS)
      this.api.addGatewayResponse(`Error${e.status}`, {
        type: e.type,
        statusCode: e.status,
        templates: {
          'application/json': `{"error":{"code":"${e.code}","message":$context.error.messageString,"correlationId":"$context.requestId"}}`,
        },
      });

    Validations.of(this.api).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs]',
        reason:
          'The API Gateway account role uses the AWS policy made for exactly this (write execution and access logs).',
      },
      {
        id: 'AwsSolutions-APIG3',
        reason:
          'No WAF for now: every non-public route is authorised per request and the stage is throttled; add a web ACL when abuse shows.',
      },
    );
  }

  /** Serves `route` with `fn` through a Lambda proxy integration; a `tenant` route taking only `credential` gets the cached authorizer for it. */
  addRoute(route: RouteSpec, fn: lambda.IFunction, credential?: TenantCredential): apigw.Method {
    const resource = this.api.root.resourceForPath(route.path);
    const method = resource.addMethod(route.method, new apigw.LambdaIntegration(fn, { allowTestInvoke: false }), {
      requestValidator: this.validator,
      ...this.authorization(route, credential),
    });
    Validations.of(method).acknowledge({ id: 'AwsSolutions-COG4', reason: NOT_COGNITO[route.auth] });
    if (route.auth === 'none')
      Validations.of(method).acknowledge({ id: 'AwsSolutions-APIG4', reason: NOT_COGNITO.none });
    return method;
  }

  private authorization(route: RouteSpec, credential?: TenantCredential): apigw.MethodOptions {
    switch (route.auth) {
      case 'none':
        return { authorizationType: apigw.AuthorizationType.NONE };
      case 'iam':
        return { authorizationType: apigw.AuthorizationType.IAM };
      case 'tenant':
        return {
          authorizationType: apigw.AuthorizationType.CUSTOM,
          authorizer: this.tenantAuthorizer(route, credential ?? 'either'),
        };
    }
  }

  /**
   * Created with the first route that needs it (an authorizer attached to no method fails synth);
   * all run the same function. A cached one keys on its credential's header, so a request without
   * that header is refused (401) by API Gateway, and the function answers with a policy for the
   * whole API, so that one decision serves every route of the credential.
   */
  private tenantAuthorizer(route: RouteSpec, credential: TenantCredential | 'either'): apigw.RequestAuthorizer {
    if (!this.props.authorizerFunction)
      throw new Error(`${route.method} ${route.path} needs the tenant authorizer, which is not configured`);
    const existing = this.authorizers.get(credential);
    if (existing) return existing;
    const authorizer =
      credential === 'either'
        ? new apigw.RequestAuthorizer(this, 'TenantAuthorizer', {
            handler: this.props.authorizerFunction,
            identitySources: [],
            resultsCacheTtl: Duration.seconds(0),
          })
        : new apigw.RequestAuthorizer(this, credential === 'api-key' ? 'ApiKeyAuthorizer' : 'AdminTokenAuthorizer', {
            handler: this.props.authorizerFunction,
            identitySources: [apigw.IdentitySource.header(CREDENTIAL_HEADER[credential])],
            resultsCacheTtl: AUTHORIZER_CACHE_TTL,
          });
    // Without identity sources API Gateway calls the authorizer for every request, which is what
    // a route taking either credential needs: the decision depends on whichever is present.
    if (credential === 'either')
      (authorizer.node.defaultChild as apigw.CfnAuthorizer).addPropertyDeletionOverride('IdentitySource');
    this.authorizers.set(credential, authorizer);
    return authorizer;
  }
}
