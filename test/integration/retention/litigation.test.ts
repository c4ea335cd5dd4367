import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { exportBatch } from '../../../functions/cli/commands/litigation';
import { LetheApiClient } from '../../../functions/cli/api-client';
import { LetheError } from '../../../functions/domain/errors';
import { BatchRejected } from '../../../functions/domain/litigation/batch';
import { listBatches } from '../../../functions/usecases/litigation/list-batches';
import { callApi } from '../../support/api';
import { env, localNames, s3Client } from '../../support/emulators';
import { ANNA, chat, newTenant, recordsOf, sweep, testContainer, type Tenant } from './support';

/** The shell of someone running `lethe litigation export` against the test stack, as `principal`. */
const shell = (principal: 'LEGALROLE' | 'S3RVER'): NodeJS.ProcessEnv => ({
  LETHE_API: env('LETHE_API'),
  LETHE_S3_ENDPOINT: env('LETHE_S3_ENDPOINT'),
  LETHE_KMS_ENDPOINT: env('LETHE_KMS_ENDPOINT'),
  LETHE_LOCAL_TOKEN_SECRET: env('LETHE_LOCAL_TOKEN_SECRET'),
  AWS_ACCESS_KEY_ID: principal,
  AWS_SECRET_ACCESS_KEY: principal,
});

const exportAs = (principal: 'LEGALROLE' | 'S3RVER', tenantId: string, batch: string) => {
  const environment = shell(principal);
  return exportBatch(new LetheApiClient(environment), { tenant: tenantId, batch }, environment);
};

/** An iAdvize call swept at its 12 months: its general info is in a sealed batch. */
async function sealedCall(): Promise<{ tenant: Tenant; batchId: string; region: string; key: string }> {
  const tenant = await newTenant('iadvize');
  const call = await chat(tenant, ANNA, 'call');
  const deps = testContainer();
  const expiries = (await recordsOf(tenant.tenantId))
    .filter((i) => i.pk === call.pk && i.sk === 'INFO')
    .map((i) => (i.expiresAt as number) * 1000);
  await sweep(deps, tenant.tenantId, new Date(Math.max(...expiries)));
  const batch = (await listBatches(deps.stores, tenant.tenantId)).find((b) => b.sealedClass === 'interaction')!;
  return {
    tenant,
    batchId: batch.batchId,
    region: batch.region,
    key: `${tenant.tenantId}/interaction/${batch.batchId}.sealed`,
  };
}

async function rewrite(region: string, key: string, edit: (document: Record<string, unknown>) => void): Promise<void> {
  const bucket = localNames(region).litigationBucket;
  const out = await s3Client(region).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const document = JSON.parse(await out.Body!.transformToString()) as Record<string, unknown>;
  edit(document);
  await s3Client(region).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(document) }));
}

describe('the litigation archive (iAdvize: 5 years, AES-256, a few people only)', () => {
  it('opens a sealed batch to CSV for the legal-access role only, and audits every retrieval', async () => {
    // Prepare
    const { tenant, batchId } = await sealedCall();

    // Act
    const csv = await exportAs('LEGALROLE', tenant.tenantId, batchId);
    const refused = await exportAs('S3RVER', tenant.tenantId, batchId).catch((e: unknown) => e);

    // Assess: the legal role reads the sealed general info, personal fields included
    const [header, row] = csv.split('\r\n');
    expect(header.split(',')).toEqual(
      expect.arrayContaining(['pk', 'sk', 'class', 'expiresAt', 'channel', 'participant']),
    );
    expect(row).toContain('INFO');
    expect(row).toContain(ANNA.email);
    // Assess: the application's own identity (an admin token and the app's AWS credentials) gets a 403
    expect(refused).toBeInstanceOf(LetheError);
    expect(refused).toMatchObject({ status: 403 });
    // Assess: both retrievals are in the tenant's audit log
    const deps = testContainer();
    const audit = await deps.auditLog.list(tenant.tenantId, { action: 'litigation.retrieve' });
    expect(audit.items).toHaveLength(2);
    expect(audit.items[0]).toMatchObject({ actor: { role: 'legal' }, details: { batchId } });
  });

  it('an admin token without the legal role cannot even file a retrieval', async () => {
    const { tenant, batchId } = await sealedCall();
    const res = await callApi(`/v1/litigation/batches/${batchId}/retrievals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    expect(res.status).toBe(403);
  });

  it('a batch whose ciphertext or encryption context was altered does not open, even for the legal role', async () => {
    // Prepare
    const { tenant, batchId, region, key } = await sealedCall();

    // Act: flip one bit of the ciphertext
    await rewrite(region, key, (d) => {
      const sealed = Buffer.from(d.sealed as string, 'base64');
      sealed[sealed.length - 20] ^= 1;
      d.sealed = sealed.toString('base64');
    });
    const flipped = await exportAs('LEGALROLE', tenant.tenantId, batchId).catch((e: unknown) => e);
    // Act: put it back, then claim another batch id (the KMS encryption context)
    await rewrite(region, key, (d) => {
      const sealed = Buffer.from(d.sealed as string, 'base64');
      sealed[sealed.length - 20] ^= 1;
      d.sealed = sealed.toString('base64');
      d.batchId = `${batchId.slice(0, -1)}${batchId.endsWith('0') ? '1' : '0'}`;
    });
    const renamed = await exportAs('LEGALROLE', tenant.tenantId, batchId).catch((e: unknown) => e);

    // Assess
    expect(flipped).toBeInstanceOf(BatchRejected);
    expect(renamed).toMatchObject({ status: 403 });
  });
});
