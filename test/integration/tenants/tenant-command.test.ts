import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SettableClock } from '../../../functions/domain/clock';
import { authorize } from '../../../functions/handlers/authorizer';
import { testContainer } from '../adapters/container';

const LETHE = join(__dirname, '../../../bin/lethe.js');
const run = (...args: string[]) => promisify(execFile)(process.execPath, [LETHE, ...args], { env: process.env });
const withKey = (apiKey: string) =>
  ({
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:eu-central-1:000000000000:api/prod/POST/v1/events',
    headers: { 'x-api-key': apiKey },
  }) as unknown as APIGatewayRequestAuthorizerEvent;

describe('lethe tenant create', () => {
  it('prints the new tenant as JSON, with an API key the authorizer accepts', async () => {
    // Act
    const { stdout } = await run('tenant', 'create', 'Acme Support', '--preset', 'iadvize');
    // Assess
    const created = JSON.parse(stdout) as { tenantId: string; apiKey: string; adminToken: string };
    expect(Object.keys(created).sort()).toEqual(['adminToken', 'apiKey', 'tenantId']);
    const result = await authorize(withKey(created.apiKey), testContainer(new SettableClock(new Date())));
    expect(result.context).toEqual({ kind: 'ingest', tenantId: created.tenantId });
  });

  it('names the bad preset and the valid ones, and fails', async () => {
    // Act
    const failure = await run('tenant', 'create', 'Acme', '--preset', 'genesys').catch(
      (e: { code: number; stderr: string }) => e,
    );
    // Assess
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('preset: must be one of puzzel, iadvize, inbenta'),
    });
  });
});
