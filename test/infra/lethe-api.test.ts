import type { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { LetheApi } from '../../infra/constructs/lethe-api';
import { onlyResourceId, TEST_ACCOUNT, testStack } from './support';

const inlineFunction = (stack: Stack, id: string) =>
  new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>({})') });

describe('LetheApi', () => {
  const stack = testStack();
  const authorizer = inlineFunction(stack, 'Authorizer');
  const api = new LetheApi(stack, 'Api', { restApiName: 'acme-api', logRetentionDays: 30, authorizerFunction: authorizer });
  const fn = inlineFunction(stack, 'Handler');
  api.addRoute({ method: 'GET', path: '/v1/health', auth: 'none' }, fn);
  api.addRoute({ method: 'POST', path: '/v1/tenants', auth: 'iam' }, fn);
  api.addRoute({ method: 'GET', path: '/v1/tenants/{tenantId}/policy', auth: 'tenant' }, fn);
  api.addRoute({ method: 'PUT', path: '/v1/tenants/{tenantId}/policy', auth: 'tenant' }, fn);
  const template = Template.fromStack(stack);
  const methodAt = (httpMethod: string, pathPart: string) => {
    const resourceId = onlyResourceId(template, 'AWS::ApiGateway::Resource', { PathPart: pathPart });
    return Object.values(template.findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: httpMethod, ResourceId: { Ref: resourceId } } }))[0]
      ?.Properties;
  };

  it('serves the /v1 paths on stage prod of a regional REST API', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { Name: 'acme-api', EndpointConfiguration: { Types: ['REGIONAL'] } });
    template.hasResourceProperties('AWS::ApiGateway::Stage', { StageName: 'prod', TracingEnabled: true });
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: 'v1' });
  });

  it('throttles the stage and logs errors without request or response data', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }),
      ],
    });
  });

  it('writes JSON access logs that leave out the caller IP and user agent', () => {
    const logGroupId = onlyResourceId(template, 'AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const stage = Object.values(template.findResources('AWS::ApiGateway::Stage'))[0].Properties;
    // The log group's ARN without the trailing `:*` (feature flag apigateway:logGroupDestinationArnWithoutWildcard).
    expect(stage.AccessLogSetting.DestinationArn).toEqual({ 'Fn::Join': ['', [`arn:aws:logs:eu-central-1:${TEST_ACCOUNT}:log-group:`, { Ref: logGroupId }]] });
    const format = JSON.parse(stage.AccessLogSetting.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', status: '$context.status', resource: '$context.resourcePath' });
    expect(stage.AccessLogSetting.Format).not.toMatch(/sourceIp|userAgent/);
  });

  it('validates the body and parameters of every method', () => {
    const validatorId = onlyResourceId(template, 'AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
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
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', AuthorizerResultTtlInSeconds: 0, IdentitySource: Match.absent() });
    for (const verb of ['GET', 'PUT']) expect(methodAt(verb, 'policy')).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
  });

  it('answers its own errors in the API error format', () => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'UNAUTHORIZED',
      StatusCode: '401',
      ResponseTemplates: { 'application/json': Match.stringLikeRegexp('^\\{"error":\\{"code":"UNAUTHORIZED","message":\\$context.error.messageString') },
    });
  });

  it('refuses a tenant route when no authorizer is configured', () => {
    // Prepare
    const bare = testStack();
    const withoutAuthorizer = new LetheApi(bare, 'Api', { restApiName: 'acme-api', logRetentionDays: 30 });
    // Act
    const act = () => withoutAuthorizer.addRoute({ method: 'GET', path: '/v1/records', auth: 'tenant' }, inlineFunction(bare, 'Handler'));
    // Assess
    expect(act).toThrow(/GET \/v1\/records needs the tenant authorizer/);
  });
});
