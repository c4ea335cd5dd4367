import { LOCAL_ACCOUNT } from '../../../functions/shared/resource-names';
import { LocalCloud } from '../../../infra/local/provisioning/local-cloud';
import { synthesize } from '../../../infra/local/provisioning/synth';
import { buildApiModel } from '../../../infra/local/runtime/api-model';
import { FlowingClock } from '../../../infra/local/runtime/flowing-clock';
import { functionEnvironment } from '../../../infra/local/runtime/function-environment';
import { startHttpRuntime, type HttpRuntime } from '../../../infra/local/runtime/http-runtime';
import { LambdaHost } from '../../../infra/local/runtime/lambda-host';
import { PROJECT_ROOT } from '../../../infra/local/state';
import { runtimeFixtureApp } from './fixtures/runtime-stack';

/**
 * The HTTP runtime serving a fixture API built with CDK in this test, so every kind of route the
 * runtime reads from a template is exercised, whatever the real app declares today.
 */
describe('the local runtime serves what an API Gateway template declares', () => {
  const OPERATOR_KEY = 'fixture-operator-key-0123456789abcdef';
  const logged: string[] = [];
  let runtime: HttpRuntime;
  let variables: Record<string, string>;

  beforeAll(async () => {
    const cloud = new LocalCloud(synthesize(runtimeFixtureApp()), LOCAL_ACCOUNT);
    variables = functionEnvironment(cloud).variables;
    process.env.FIXTURE_VARIABLE = variables.FIXTURE_VARIABLE;
    runtime = await startHttpRuntime({
      port: 0,
      api: buildApiModel(cloud),
      host: new LambdaHost(PROJECT_ROOT),
      clock: new FlowingClock(),
      account: LOCAL_ACCOUNT,
      operatorKey: OPERATOR_KEY,
      log: (line) => logged.push(line),
    });
  });
  afterAll(async () => {
    await runtime.close();
  });

  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${runtime.url}${path}`, init);
    const bytes = Buffer.from(await res.arrayBuffer());
    return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
  };

  it("resolves the functions' environment to local values (account 000000000000, the stack's region)", () => {
    // Assess
    expect(variables.FIXTURE_VARIABLE).toBe('000000000000-eu-west-1');
  });

  it('hands the handler a proxy event with decoded path parameters, query strings, stage and request id', async () => {
    // Act
    const res = await call('/things/a%20b?tag=x&tag=y&one=1', { headers: { 'X-Custom': 'kept-case' } });

    // Assess
    expect(res.status).toBe(200);
    const event = res.json();
    expect(event).toMatchObject({
      resource: '/things/{thingId}',
      path: '/things/a%20b',
      httpMethod: 'GET',
      pathParameters: { thingId: 'a b' },
      queryStringParameters: { tag: 'y', one: '1' },
      multiValueQueryStringParameters: { tag: ['x', 'y'], one: ['1'] },
      body: null,
      stage: 'test',
      identity: { userArn: null, sourceIp: '127.0.0.1' },
      fixtureVariable: '000000000000-eu-west-1',
    });
    expect(event.multiValueHeaders['X-Custom']).toEqual(['kept-case']);
    expect(event.requestId).toBe(res.headers.get('x-amzn-requestid'));
    expect(event.awsRequestId).toBe(event.requestId);
    expect(event.remainingMs).toBeGreaterThan(0);
    expect(res.headers.get('x-fixture')).toBe('echo');
  });

  it('passes a JSON body as text and a binary media type as base64', async () => {
    // Act
    const text = await call('/things/1', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    const binary = await call('/things/1', {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from([0, 159, 255]),
    });

    // Assess
    expect(text.json()).toMatchObject({ body: '{"a":1}', isBase64Encoded: false });
    expect(binary.json()).toMatchObject({ body: Buffer.from([0, 159, 255]).toString('base64'), isBase64Encoded: true });
  });

  it('prefers a literal route over a greedy {proxy+} one, which takes the rest of the path', async () => {
    // Act
    const literal = await call('/files/special', { headers: { accept: 'application/octet-stream' } });
    const greedy = await call('/files/a/b/c.txt', { method: 'DELETE' });

    // Assess
    expect([...literal.bytes]).toEqual([0, 1, 2, 255]);
    expect(greedy.json()).toMatchObject({
      resource: '/files/{proxy+}',
      pathParameters: { proxy: 'a/b/c.txt' },
      httpMethod: 'DELETE',
    });
  });

  describe('an operator route (AWS_IAM in the template)', () => {
    it('is refused without the operator key, as API Gateway refuses an unsigned request', async () => {
      // Act
      const res = await call('/operator/tenants', { method: 'POST', body: '{}' });

      // Assess
      expect(res.status).toBe(403);
      expect(res.json().message).toMatch(/^Missing Authentication Token/);
    });

    it('is refused with a wrong operator key', async () => {
      // Act
      const res = await call('/operator/tenants', {
        method: 'POST',
        body: '{}',
        headers: { 'x-lethe-operator-key': 'guess' },
      });

      // Assess
      expect(res.status).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    });

    it('is served with the operator key, the local operator being the IAM caller', async () => {
      // Act
      const res = await call('/operator/tenants', {
        method: 'POST',
        body: '{}',
        headers: { 'x-lethe-operator-key': OPERATOR_KEY },
      });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json().identity.userArn).toBe('arn:aws:iam::000000000000:user/lethe-local-operator');
    });
  });

  describe('a route behind a Lambda REQUEST authorizer', () => {
    it("gives the handler the authorizer's context as strings, with the principal id", async () => {
      // Act
      const res = await call('/guarded', { headers: { 'x-test-token': 'allow' } });

      // Assess
      expect(res.status).toBe(200);
      expect(res.json().authorizer).toEqual({
        tenantId: 't-123',
        level: '3',
        admin: 'true',
        principalId: 'tenant-admin',
      });
    });

    it('answers an explicit Deny with 403 in the gateway response format', async () => {
      // Act
      const res = await call('/guarded', { headers: { 'x-test-token': 'deny' } });

      // Assess
      expect(res.status).toBe(403);
      expect(res.json()).toEqual({
        error: {
          code: 'FORBIDDEN',
          message: 'User is not authorized to access this resource with an explicit deny',
          correlationId: res.headers.get('x-amzn-requestid'),
        },
      });
    });

    it('answers an authorizer that throws Unauthorized with 401', async () => {
      // Act
      const res = await call('/guarded', { headers: { 'x-test-token': 'nonsense' } });

      // Assess
      expect(res.status).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Unauthorized' });
    });
  });

  it('answers a handler that throws with 500 and a correlation id only, and logs the error under that id', async () => {
    // Act
    const res = await call('/boom');

    // Assess
    const correlationId = res.headers.get('x-amzn-requestid');
    expect(res.status).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error', correlationId } });
    expect(res.bytes.toString()).not.toContain('secret detail');
    expect(logged.some((l) => l.includes(correlationId!) && l.includes('secret detail'))).toBe(true);
  });

  it("answers a handler that overruns its function's timeout with 500", async () => {
    // Act
    const res = await call('/slow');

    // Assess
    expect(res.status).toBe(500);
    expect(logged.some((l) => l.includes('timed out') && l.includes(res.headers.get('x-amzn-requestid')!))).toBe(true);
  });
});
