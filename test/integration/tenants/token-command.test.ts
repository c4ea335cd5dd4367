import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { join } from 'node:path';
import { localAdminToken, localTokenSecret } from '../../../functions/cli/commands/token';
import { SettableClock } from '../../../functions/domain/clock';
import { authorize } from '../../../functions/handlers/authorizer';
import { callApi } from '../../support/api';
import { testContainer } from '../adapters/container';

const METHOD_ARN = 'arn:aws:execute-api:eu-central-1:000000000000:api/prod/GET/v1/interactions/{id}';
const bearer = (token: string) =>
  ({
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers: { Authorization: `Bearer ${token}` },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('lethe token', () => {
  it('prints a token that the authorizer accepts with the role, group and user asked for', async () => {
    // Prepare
    const created = await callApi<{ tenantId: string }>('/v1/tenants', {
      operator: true,
      body: { name: 'Token Test', preset: 'puzzel' },
    });
    const token = await localAdminToken({
      tenant: created.body.tenantId,
      role: 'manager',
      group: 'sales',
      user: 'u-42',
      hours: '1',
    });
    // Act
    const result = await authorize(bearer(token), testContainer(new SettableClock(new Date())));
    // Assess
    expect(result.context).toEqual({
      kind: 'admin',
      tenantId: created.body.tenantId,
      role: 'manager',
      group: 'sales',
      userId: 'u-42',
      support: false,
    });
  });

  it('signs as of --now, so tokens still work after the local clock was moved', async () => {
    // Prepare
    const created = await callApi<{ tenantId: string }>('/v1/tenants', {
      operator: true,
      body: { name: 'Token Test', preset: 'puzzel' },
    });
    const token = await localAdminToken({
      tenant: created.body.tenantId,
      role: 'admin',
      hours: '1',
      now: '2031-01-01T00:00:00Z',
    });
    // Act
    const halfAnHourLater = await authorize(bearer(token), testContainer(new SettableClock('2031-01-01T00:30:00Z')));
    const anHourLater = await authorize(bearer(token), testContainer(new SettableClock('2031-01-01T01:00:00Z'))).catch(
      (e: Error) => e,
    );
    // Assess
    expect(halfAnHourLater).toMatchObject({ context: { role: 'admin' } });
    expect(anHourLater).toEqual(new Error('Unauthorized'));
  });

  it('says where the secret comes from when there is none', () => {
    // Act / Assess
    expect(() => localTokenSecret({ LETHE_STATE_DIR: join(__dirname, 'no-such-dir') })).toThrow(
      /npm start.*no-such-dir.*LETHE_LOCAL_TOKEN_SECRET/,
    );
  });

  it('refuses a role Lethe does not have', async () => {
    // Act / Assess
    await expect(localAdminToken({ tenant: 'T', role: 'boss', hours: '1' })).rejects.toThrow(
      /--role must be one of admin, manager, advisor, support, legal/,
    );
  });
});
