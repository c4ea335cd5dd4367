import { gatewayReply } from '../../../infra/local/runtime/gateway-responses';

describe("API Gateway's own error responses", () => {
  const requestId = 'c0c4fcdd-1cbd-4da7-93c1-e43c629f9cdf';
  const apiResponses = {
    UNAUTHORIZED: {
      statusCode: 401,
      templates: {
        'application/json':
          '{"error":{"code":"UNAUTHORIZED","message":$context.error.messageString,"correlationId":"$context.requestId"}}',
      },
      headers: {},
    },
    DEFAULT_5XX: {
      statusCode: 500,
      templates: {
        'application/json':
          '{"error":{"code":"INTERNAL","message":$context.error.messageString,"correlationId":"$context.requestId"}}',
      },
      headers: { 'x-static': 'yes' },
    },
  };

  it("use the API's gateway response for the type, with the message quoted and the request id", () => {
    // Act
    const reply = gatewayReply('UNAUTHORIZED', 'Unauthorized', requestId, apiResponses);

    // Assess
    expect(reply.statusCode).toBe(401);
    expect(JSON.parse(reply.body)).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Unauthorized', correlationId: requestId },
    });
  });

  it('fall back to DEFAULT_5XX for a 5xx type the API does not define, taking its status and headers', () => {
    // Act
    const reply = gatewayReply('INTEGRATION_FAILURE', 'Internal server error', requestId, apiResponses);

    // Assess
    expect(reply.statusCode).toBe(500);
    expect(reply.headers['x-static']).toBe('yes');
    expect(JSON.parse(reply.body).error.code).toBe('INTERNAL');
  });

  it("fall back to API Gateway's built-in body and status when the API defines nothing", () => {
    // Act
    const reply = gatewayReply('MISSING_AUTHENTICATION_TOKEN', 'Missing Authentication Token', requestId, apiResponses);

    // Assess
    expect(reply.statusCode).toBe(403);
    expect(JSON.parse(reply.body)).toEqual({ message: 'Missing Authentication Token' });
    expect(reply.headers['x-amzn-errortype']).toBe('MissingAuthenticationTokenException');
  });
});
