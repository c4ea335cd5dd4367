import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createHash } from 'node:crypto';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { callApi } from '../../support/api';
import { dynamoDbClient, homeNames } from '../../support/emulators';
import { testContainer } from '../adapters/container';

interface Created {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

describe('POST /v1/tenants opens a tenant (operators only)', () => {
  it('answers 201 with the tenant id, an ingest API key shown once, and an admin token', async () => {
    // Act
    const res = await callApi<Created>('/v1/tenants', {
      operator: true,
      body: { name: 'Acme Support', preset: 'puzzel' },
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.body.tenantId).toMatch(ULID);
    expect(res.body.apiKey).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
    expect(res.body.adminToken.split('.')).toHaveLength(3);
  });

  it('stores the API key only as its SHA-256, and the first policy from the preset', async () => {
    // Prepare
    const { body } = await callApi<Created>('/v1/tenants', {
      operator: true,
      body: { name: 'Hash Check', preset: 'inbenta' },
    });
    const { directory } = testContainer();
    const hash = createHash('sha256').update(body.apiKey).digest('hex');
    // Act
    const raw = await dynamoDbClient().send(
      new GetItemCommand({
        TableName: homeNames().directoryTable,
        Key: { pk: { S: `APIKEY#${hash}` }, sk: { S: 'APIKEY' } },
      }),
    );
    // Assess
    expect(raw.Item?.tenantId?.S).toBe(body.tenantId);
    expect(JSON.stringify(raw.Item)).not.toContain(body.apiKey);
    expect((await directory.currentPolicy(body.tenantId))?.policy).toEqual(presetPolicy('inbenta'));
  });

  it("gives the tenant a 32-byte subject-index secret that only the home region's data key unwraps", async () => {
    // Prepare
    const { body } = await callApi<Created>('/v1/tenants', {
      operator: true,
      body: { name: 'Secrets', preset: 'iadvize' },
    });
    const { directory, tenantSecrets } = testContainer();
    // Act
    const secret = await tenantSecrets.subjectIndexSecret(body.tenantId);
    const auditKey = await tenantSecrets.auditKey(body.tenantId);
    // Assess
    expect(secret).toHaveLength(32);
    expect(auditKey).toHaveLength(32);
    expect(Buffer.from(secret)).not.toEqual(Buffer.from(auditKey));
    const profile = await directory.getProfile(body.tenantId);
    expect(Buffer.from(profile?.subjectSecretWrapped ?? []).includes(Buffer.from(secret))).toBe(false);
  });

  it('answers 400 naming `preset` and listing the valid presets when the preset is unknown', async () => {
    // Act
    const res = await callApi('/v1/tenants', { operator: true, body: { name: 'Acme', preset: 'genesys' } });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The tenant is not valid.',
        fields: [{ path: 'preset', message: 'must be one of puzzel, iadvize, inbenta' }],
      },
    });
  });

  it('answers 400 naming every bad field at once', async () => {
    // Act
    const res = await callApi<{ error: { fields: { path: string }[] } }>('/v1/tenants', {
      operator: true,
      body: { name: '  ', colour: 'blue' },
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path).sort()).toEqual(['(root)', 'name', 'preset']);
  });

  it('answers 400 naming the body when it is not JSON, and 413 stating the limit when it is too large', async () => {
    // Act
    const notJson = await callApi('/v1/tenants', {
      operator: true,
      body: '{"name": "Acme",',
      headers: { 'content-type': 'application/json' },
    });
    const tooLarge = await callApi('/v1/tenants', {
      operator: true,
      body: { name: 'x'.repeat(20_000), preset: 'puzzel' },
    });
    // Assess
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({
      error: { code: 'VALIDATION_FAILED', fields: [{ path: '(body)', message: 'is not valid JSON' }] },
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('the limit is 16384 bytes') },
    });
  });

  it('is refused without the operator credentials', async () => {
    // Act
    const res = await callApi('/v1/tenants', { body: { name: 'Acme', preset: 'puzzel' } });
    // Assess
    expect(res.status).toBe(403);
  });
});
