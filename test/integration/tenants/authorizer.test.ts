import type { APIGatewayRequestAuthorizerEvent } from 'aws-lambda';
import { LocalAdminTokens } from '../../../functions/adapters/auth/local-admin-tokens';
import { SettableClock } from '../../../functions/domain/clock';
import { authorize } from '../../../functions/handlers/authorizer';
import { callApi } from '../../support/api';
import { env } from '../../support/emulators';
import { freshTenant, testContainer } from '../adapters/container';

const METHOD_ARN = 'arn:aws:execute-api:eu-central-1:000000000000:api/prod/POST/v1/interactions';
/** API Gateway reuses a cached decision for every route behind the authorizer, so it must cover them all. */
const STAGE_ARN = 'arn:aws:execute-api:eu-central-1:000000000000:api/prod/*';

/** The event API Gateway gives a REQUEST authorizer, with the headers under test. */
const requestWith = (headers: Record<string, string>) =>
  ({
    type: 'REQUEST',
    methodArn: METHOD_ARN,
    headers,
    httpMethod: 'POST',
    resource: '/v1/interactions',
    path: '/v1/interactions',
  }) as unknown as APIGatewayRequestAuthorizerEvent;

interface Created {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

async function newTenant(): Promise<Created> {
  const res = await callApi<Created>('/v1/tenants', {
    operator: true,
    body: { name: 'Authorizer Test', preset: 'puzzel' },
  });
  if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('the one authorizer', () => {
  const deps = testContainer(new SettableClock(new Date()));

  it('lets an ingest API key in as its tenant, on every route of the stage', async () => {
    // Prepare
    const tenant = await newTenant();
    // Act
    const result = await authorize(requestWith({ 'X-Api-Key': tenant.apiKey }), deps);
    // Assess
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: STAGE_ARN },
    ]);
    expect(result.context).toEqual({ kind: 'ingest', tenantId: tenant.tenantId });
  });

  it('answers Unauthorized (401) for an unknown key and for no credentials at all', async () => {
    // Act / Assess
    await expect(authorize(requestWith({ 'x-api-key': 'lk_not-a-key-anyone-was-given' }), deps)).rejects.toThrow(
      /^Unauthorized$/,
    );
    await expect(authorize(requestWith({}), deps)).rejects.toThrow(/^Unauthorized$/);
  });

  it('answers Unauthorized for an API key and a token together, valid as both are: a cached decision is keyed on one', async () => {
    // Prepare
    const tenant = await newTenant();
    // Act
    const both = authorize(
      requestWith({ 'x-api-key': tenant.apiKey, authorization: `Bearer ${tenant.adminToken}` }),
      deps,
    );
    // Assess
    await expect(both).rejects.toThrow(/^Unauthorized$/);
  });

  it('lets the admin token of tenant creation in, with its role, group and user', async () => {
    // Prepare
    const tenant = await newTenant();
    // Act
    const result = await authorize(requestWith({ authorization: `Bearer ${tenant.adminToken}` }), deps);
    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Allow' });
    expect(result.context).toEqual({
      kind: 'admin',
      tenantId: tenant.tenantId,
      role: 'admin',
      group: 'admins',
      userId: 'tenant-admin',
      support: false,
    });
  });

  it('answers Unauthorized for a token signed with another secret, and for an expired one', async () => {
    // Prepare
    const tenant = await newTenant();
    const claims = { sub: 'u-1', 'custom:tenant': tenant.tenantId, 'cognito:groups': ['admin'] };
    const forged = await new LocalAdminTokens('some-other-secret-of-32-characters-or-more', deps.clock).issue(
      claims,
      3600,
    );
    const later = testContainer(new SettableClock(new Date(Date.now() + 13 * 3600_000)));
    // Act / Assess
    await expect(authorize(requestWith({ Authorization: `Bearer ${forged}` }), deps)).rejects.toThrow(/^Unauthorized$/);
    await expect(authorize(requestWith({ Authorization: `Bearer ${tenant.adminToken}` }), later)).rejects.toThrow(
      /^Unauthorized$/,
    );
  });

  it('answers Unauthorized for a well-signed token naming a tenant that does not exist', async () => {
    // Prepare
    const token = await new LocalAdminTokens(env('LETHE_LOCAL_TOKEN_SECRET'), deps.clock).issue(
      { sub: 'u-1', 'custom:tenant': freshTenant(), 'cognito:groups': ['admin'] },
      3600,
    );
    // Act / Assess
    await expect(authorize(requestWith({ Authorization: `Bearer ${token}` }), deps)).rejects.toThrow(/^Unauthorized$/);
  });

  it('denies (403) a user in no Lethe role', async () => {
    // Prepare
    const tenant = await newTenant();
    const token = await new LocalAdminTokens(env('LETHE_LOCAL_TOKEN_SECRET'), deps.clock).issue(
      { sub: 'u-2', 'custom:tenant': tenant.tenantId, 'cognito:groups': ['visitors'] },
      3600,
    );
    // Act
    const result = await authorize(requestWith({ Authorization: `Bearer ${token}` }), deps);
    // Assess
    expect(result.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny' });
    expect(result.context).toBeUndefined();
  });

  it('denies (403) every caller of a terminated tenant', async () => {
    // Prepare
    const tenant = await newTenant();
    await deps.directory.updateProfile(tenant.tenantId, {
      status: 'terminated',
      terminatedAt: new Date().toISOString(),
    });
    // Act
    const byKey = await authorize(requestWith({ 'x-api-key': tenant.apiKey }), deps);
    const byToken = await authorize(requestWith({ authorization: `Bearer ${tenant.adminToken}` }), deps);
    // Assess
    expect(byKey.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: STAGE_ARN });
    expect(byToken.policyDocument.Statement[0]).toMatchObject({ Effect: 'Deny', Resource: STAGE_ARN });
  });
});
