import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AUTHORIZER_CACHE_TTL, LetheApi } from '../../infra/constructs/lethe-api';
import { onlyResourceId, TEST_ACCOUNT, testStack } from './support';

const inlineFunction = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler=async()=>({})'),
  });

describe('LetheApi', () => {
  const stack = testStack();
  const authorizer = inlineFunction(stack, 'Authorizer');
  const api = new LetheApi(stack, 'Api', {
    restApiName: 'acme-api',
    logRetentionDays: 30,
    authorizerFunction: authorizer,
  });
  const fn = inlineFunction(stack, 'Handler');
  api.addRoute({ method: 'GET', path: '/v1/health', auth: 'none' }, fn);
  api.addRoute({ method: 'POST', path: '/v1/tenants', auth: 'iam' }, fn);
  api.addRoute({ method: 'GET', path: '/v1/tenants/{tenantId}/policy', auth: 'tenant' }, fn);
  api.addRoute({ method: 'PUT', path: '/v1/tenants/{tenantId}/policy', auth: 'tenant' }, fn);
  const template = Template.fromStack(stack);
  const methodAt = (httpMethod: string, pathPart: string) => {
    const resourceId = onlyResourceId(template, 'AWS::ApiGateway::Resource', { PathPart: pathPart });
    return Object.values(
      template.findResources('AWS::ApiGateway::Method', {
        Properties: { HttpMethod: httpMethod, ResourceId: { Ref: resourceId } },
      }),
    )[0]?.Properties;
  };

  it('serves the /v1 paths on stage prod of a regional REST API', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      Name: 'acme-api',
      EndpointConfiguration: { Types: ['REGIONAL'] },
    });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', TracingEnabled: true });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'v1' });
  });

  it('throttles the stage and logs errors without request or response data', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ],
    });
  });

  it('writes JSON access logs that leave out the caller IP and user agent', () => {
    const logGroupId = onlyResourceId(template, 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0].Properties;
    // The log group's ARN without the trailing `:*` (feature flag apigateway:logGroupDestinationArnWithoutWildcard).
    expect(stage.AccessLogSetting.DestinationArn).toEqual({
      'Fn::Join': ['', [`arn:aws:logs:eu-central-1:${TEST_ACCOUNT}:log-group:`, { Ref: logGroupId }]],
    });
    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      resource: '$context.resourcePath',
    });
    expect(stage.AccessLogSetting.Format).not.toMatch(/sourceIp|userAgent/);
  });

  it('validates the body and parameters of every method', () => {
    const validatorId = onlyResourceId(template, 'AWS::ApiGateway::RequestValidator', {
      ValidateRequestBody: true,
      ValidateRequestParameters: true,
    });
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    expect(methods).toHaveLength(4);
    for (const m of methods) expect(m.Properties.RequestValidatorId).toEqual({ Ref: validatorId });
  });

  it('calls the handler through a Lambda proxy integration', () => {
    expect(methodAt('GET', 'health').Integration).toMatchObject({ Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' });
  });

  it('leaves public routes open and requires SigV4 on operator routes', () => {
    expect(methodAt('GET', 'health').AuthorizationType).toBe('NONE');
    expect(methodAt('POST', 'tenants').AuthorizationType).toBe('AWS_IAM');
  });

  it('sends every tenant route through one REQUEST authorizer that runs on every request', () => {
    const authorizerId = onlyResourceId(template, 'AWS::ApiGateway::Authorizer');
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: Match.absent(),
    });
    for (const verb of ['GET', 'PUT'])
      expect(methodAt(verb, 'policy')).toMatchObject({
        AuthorizationType: 'CUSTOM',
        AuthorizerId: { Ref: authorizerId },
      });
  });

  it('answers its own errors in the API error format', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: {
        'application/json': Match.stringLikeRegexp(
          '^\\{"error":\\{"code":"UNAUTHORIZED","message":\\$context.error.messageString',
        ),
      },
    });
  });

  it('refuses a tenant route when no authorizer is configured', () => {
    // Prepare
    const bare = testStack();
    const withoutAuthorizer = new LetheApi(bare, 'Api', { restApiName: 'acme-api', logRetentionDays: 30 });
    // Act
    const act = () =>
      withoutAuthorizer.addRoute(
        { method: 'GET', path: '/v1/records', auth: 'tenant' },
        inlineFunction(bare, 'Handler'),
      );
    // Assess
    expect(act).toThrow(/GET \/v1\/records needs the tenant authorizer/);
  });

  describe('a route that takes one kind of tenant credential', () => {
    // Prepare
    const cached = testStack();
    const cachedApi = new LetheApi(cached, 'Api', {
      restApiName: 'acme-api',
      logRetentionDays: 30,
      authorizerFunction: inlineFunction(cached, 'Authorizer'),
    });
    const handler = inlineFunction(cached, 'Handler');
    // Act
    cachedApi.addRoute({ method: 'POST', path: '/v1/interactions', auth: 'tenant' }, handler, 'api-key');
    cachedApi.addRoute({ method: 'POST', path: '/v1/events', auth: 'tenant' }, handler, 'api-key');
    cachedApi.addRoute({ method: 'GET', path: '/v1/kpis', auth: 'tenant' }, handler, 'admin-token');
    cachedApi.addRoute({ method: 'POST', path: '/v1/subject-requests', auth: 'tenant' }, handler);
    const cachedTemplate = Template.fromStack(cached);
    const authorizerOf = (pathPart: string) => {
      const resourceId = onlyResourceId(cachedTemplate, 'AWS::ApiGateway::Resource', { PathPart: pathPart });
      const [method] = Object.values(
        cachedTemplate.findResources('AWS::ApiGateway::Method', { Properties: { ResourceId: { Ref: resourceId } } }),
      );
      return cachedTemplate.toJSON().Resources[method.Properties.AuthorizerId.Ref].Properties;
    };

    it("is authorised once per credential for at most five minutes, keyed on that credential's header", () => {
      // Assess
      expect(AUTHORIZER_CACHE_TTL.toSeconds()).toBeLessThanOrEqual(300);
      expect(authorizerOf('interactions')).toMatchObject({
        Type: 'REQUEST',
        AuthorizerResultTtlInSeconds: AUTHORIZER_CACHE_TTL.toSeconds(),
        IdentitySource: 'method.request.header.x-api-key',
      });
      expect(authorizerOf('kpis')).toMatchObject({
        Type: 'REQUEST',
        AuthorizerResultTtlInSeconds: AUTHORIZER_CACHE_TTL.toSeconds(),
        IdentitySource: 'method.request.header.Authorization',
      });
    });

    it('shares one cached authorizer per credential, and a route taking either is authorised on every request', () => {
      // Assess
      expect(authorizerOf('events')).toEqual(authorizerOf('interactions'));
      expect(authorizerOf('subject-requests')).toMatchObject({ AuthorizerResultTtlInSeconds: 0 });
      expect(authorizerOf('subject-requests').IdentitySource).toBeUndefined();
      expect(Object.keys(cachedTemplate.findResources('AWS::ApiGateway::Authorizer'))).toHaveLength(3);
    });
  });
});
