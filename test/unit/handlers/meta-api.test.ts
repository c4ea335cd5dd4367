import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler } from '../../../functions/handlers/meta-api';
import { version } from '../../../package.json';

const request = (httpMethod: string, resource: string) =>
  ({ httpMethod, resource, path: resource, headers: {} }) as unknown as APIGatewayProxyEvent;

describe('meta-api', () => {
  it('GET /v1/health answers ok with the deployed version, never cached', async () => {
    // Act
    const response = await handler(request('GET', '/v1/health'));
    // Assess
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', 'cache-control': 'no-store' });
    expect(JSON.parse(response.body)).toEqual({ status: 'ok', version });
  });

  it('a route it does not serve is a 404 in the API error format', async () => {
    // Act
    const response = await handler(request('DELETE', '/v1/health'));
    // Assess
    expect(response.statusCode).toBe(404);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: 'NOT_FOUND', message: 'DELETE /v1/health was not found.' },
    });
  });
});
