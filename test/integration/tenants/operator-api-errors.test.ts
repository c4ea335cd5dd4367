import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { handler } from '../../../functions/handlers/operator-api';
import type { KeyVault } from '../../../functions/ports/key-vault';
import { buildContainer, useContainer } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';

const event = (body: unknown, route = { httpMethod: 'POST', resource: '/v1/tenants' }) =>
  ({
    ...route,
    body: JSON.stringify(body),
    isBase64Encoded: false,
    requestContext: { requestId: 'req-7' },
  }) as unknown as APIGatewayProxyEvent;

/** KMS unreachable: every call fails the way an SDK error would. */
const downKms: KeyVault = {
  generateDataKey: () => Promise.reject(new Error('connect ECONNREFUSED kms')),
  encrypt: () => Promise.reject(new Error('connect ECONNREFUSED kms')),
  decrypt: () => Promise.reject(new Error('connect ECONNREFUSED kms')),
};

describe('operator API errors', () => {
  afterEach(() => useContainer(undefined));

  it('answers our own failure with 500 and a correlation id, logging the error but never the request', async () => {
    // Prepare
    const logger = new Logger({ logLevel: 'SILENT' });
    const logged = jest.spyOn(logger, 'error');
    useContainer(buildContainer({ logger, keyVault: downKms }, parseRuntimeConfig(process.env)));
    // Act
    const res = await handler(event({ name: 'Anna Andersson Consulting', preset: 'puzzel' }));
    // Assess
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toEqual({
      error: { code: 'INTERNAL', message: expect.any(String), correlationId: 'req-7' },
    });
    expect(logged).toHaveBeenCalledWith(
      'request failed',
      expect.objectContaining({
        correlationId: 'req-7',
        error: expect.objectContaining({ message: 'connect ECONNREFUSED kms' }),
      }),
    );
    expect(JSON.stringify(logged.mock.calls)).not.toContain('Anna Andersson');
  });

  it('answers 404 for a route it does not serve', async () => {
    // Prepare
    useContainer(buildContainer({ logger: new Logger({ logLevel: 'SILENT' }) }, parseRuntimeConfig(process.env)));
    // Act
    const res = await handler(event({}, { httpMethod: 'DELETE', resource: '/v1/tenants' }));
    // Assess
    expect(res.statusCode).toBe(404);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
