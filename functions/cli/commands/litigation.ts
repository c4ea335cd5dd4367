import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AwsClients } from '../../adapters/aws-clients';
import { KmsKeyVault } from '../../adapters/kms/key-vault';
import { S3ContentStore } from '../../adapters/s3/content-store';
import type { BatchSummary } from '../../usecases/litigation/list-batches';
import { openSealedBatch } from '../../usecases/litigation/open-batch';
import type { BatchRetrieval } from '../../usecases/litigation/retrieve-batch';
import { adminTokenFor } from '../admin-token';
import { LetheApiClient } from '../api-client';
import { localStack } from '../local-stack';

/** The only credentials the local S3 emulator (s3rver) accepts. */
const S3_EMULATOR_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

interface LitigationOptions {
  tenant: string;
  batch?: string;
  out?: string;
  token?: string;
}

/**
 * `lethe litigation list|export --tenant T [--batch B] [--out FILE]`: the litigation archive for
 * the legal role. `export` files an audited retrieval with a legal-role admin token (`--token`,
 * LETHE_ADMIN_TOKEN, or locally one signed on the spot), then fetches the sealed batch and opens it
 * with the AWS credentials of this shell: they must be the legal-access role's (locally: access key
 * id LEGALROLE), because only that role may decrypt with the litigation key. The CSV goes to
 * stdout or --out.
 */
export function register(program: Command): void {
  const litigation = program.command('litigation').description('The KMS-sealed litigation archive (legal role).');
  litigation
    .command('list')
    .description("List a tenant's sealed batches.")
    .requiredOption('--tenant <tenantId>', 'the tenant')
    .option('--token <jwt>', 'admin token of the legal or admin role (default: LETHE_ADMIN_TOKEN, or a local one)')
    .action(async (options: LitigationOptions) => {
      const client = new LetheApiClient();
      const { batches } = await client.request<{ batches: BatchSummary[] }>('GET', '/v1/litigation/batches', {
        token: await tokenFor(client, options),
        tenant: options.tenant,
      });
      process.stdout.write(`${JSON.stringify(batches, null, 2)}\n`);
    });
  litigation
    .command('export')
    .description(
      "Decrypt one batch to CSV (needs the legal-access role's AWS credentials; every retrieval is audited).",
    )
    .requiredOption('--tenant <tenantId>', 'the tenant')
    .requiredOption('--batch <batchId>', 'the batch (see `lethe litigation list`)')
    .option('--out <file>', 'write the CSV here instead of stdout')
    .option('--token <jwt>', 'admin token of the legal role (default: LETHE_ADMIN_TOKEN, or a local one)')
    .action(async (options: LitigationOptions & { batch: string }) => {
      const csv = await exportBatch(new LetheApiClient(), options);
      if (options.out) writeFileSync(options.out, csv, { mode: 0o600 });
      else process.stdout.write(csv);
    });
}

/** Files the audited retrieval, fetches the sealed batch and opens it with the AWS identity of `env`; returns the CSV. */
export async function exportBatch(
  client: LetheApiClient,
  options: LitigationOptions & { batch: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const retrieval = await client.request<BatchRetrieval & { keyAlias: string }>(
    'POST',
    `/v1/litigation/batches/${encodeURIComponent(options.batch)}/retrievals`,
    {
      token: await tokenFor(client, options, env),
      tenant: options.tenant,
    },
  );
  // Against the local stack, its emulators (whatever their ports); against AWS, the SDK's own endpoints.
  const local = localStack(env);
  // The caller's own AWS identity: it must be the legal-access role for KMS to open the batch.
  const credentials = env.AWS_ACCESS_KEY_ID
    ? {
        accessKeyId: env.AWS_ACCESS_KEY_ID,
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '',
        sessionToken: env.AWS_SESSION_TOKEN,
      }
    : undefined;
  const s3Endpoint = env.LETHE_S3_ENDPOINT ?? local?.s3;
  const kms = new AwsClients({ endpoints: { kms: env.LETHE_KMS_ENDPOINT ?? local?.kms } }, credentials);
  // In AWS the bucket's own key lets only the legal role read the object; the local S3 emulator
  // knows one identity and checks nothing, so there the litigation key's policy alone decides.
  const s3 = new AwsClients({ endpoints: { s3: s3Endpoint } }, s3Endpoint ? S3_EMULATOR_CREDENTIALS : credentials);
  const object = await new S3ContentStore(s3.s3For(retrieval.region), retrieval.bucket, retrieval.region).get(
    retrieval.objectKey,
  );
  if (!object)
    throw new Error(
      `batch ${options.batch} is listed but its object ${retrieval.objectKey} is not in ${retrieval.bucket}`,
    );
  const legalKms = new KmsKeyVault(
    (region) => kms.kmsFor(region),
    () => retrieval.keyAlias,
  );
  return (await openSealedBatch(legalKms, object.bytes)).csv;
}

/** The admin token (admin-token.ts) for the legal role: given, LETHE_ADMIN_TOKEN, `lethe login`'s in AWS, or signed locally. */
const tokenFor = (client: LetheApiClient, options: LitigationOptions, env: NodeJS.ProcessEnv = process.env) =>
  adminTokenFor(client, { token: options.token, tenant: options.tenant, role: 'legal' }, env);
