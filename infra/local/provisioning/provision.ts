import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { S3RVER_CREDENTIALS } from '../emulators/s3rver';
import type { KeyStore } from '../kms/key-store';
import type { Principals } from '../kms/principals';
import { ensureBucket } from './buckets';
import { ensureKeys } from './keys';
import type { LocalCloud } from './local-cloud';
import { ensureTable, TABLE_LIMITS } from './tables';
import { resourcesOfType } from './template';

export interface ProvisionTargets {
  dynamodbEndpoint: string;
  s3Endpoint: string;
  keyStore: KeyStore;
  principals: Principals;
  now: Date;
}

/** Types the emulators hold; the runtime serves API Gateway, Lambda and EventBridge resources itself. */
const PROVISIONED = new Set(['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::KMS::Alias']);
const SERVED = new Set(['AWS::Lambda::Function', 'AWS::Events::Rule', 'AWS::IAM::Role']);

/**
 * Creates in the emulators what the synthesized templates declare: every table, bucket, KMS key
 * and alias of every stack, each in its stack's region. Idempotent: what exists is kept. Returns
 * log lines saying what was created and what the emulators cannot do.
 */
export async function provision(cloud: LocalCloud, targets: ProvisionTargets): Promise<string[]> {
  const lines: string[] = [];
  const bucketLimits = new Set<string>();
  const skippedTypes = new Set<string>();

  for (const stack of cloud.stacks) {
    const keys = ensureKeys(targets.keyStore, stack, targets.now);
    for (const role of keys.decryptRoles) targets.principals.setLegalRole(stack.region, role);
    lines.push(
      `${stack.stackName} (${stack.region}): keys/aliases created ${keys.created.length}, kept ${keys.existing.length}`,
    );
  }

  await Promise.all(
    cloud.stacks.map(async (stack) => {
      const dynamodb = new DynamoDBClient({
        region: stack.region,
        endpoint: targets.dynamodbEndpoint,
        credentials: S3RVER_CREDENTIALS,
      });
      const s3 = new S3Client({
        region: stack.region,
        endpoint: targets.s3Endpoint,
        credentials: S3RVER_CREDENTIALS,
        forcePathStyle: true,
      });
      const tables = await Promise.all(
        resourcesOfType(stack.template, 'AWS::DynamoDB::Table').map(
          async ([id]) => `${stack.ref(id)} ${await ensureTable(dynamodb, stack, id)}`,
        ),
      );
      const buckets = await Promise.all(
        resourcesOfType(stack.template, 'AWS::S3::Bucket').map(([id]) => ensureBucket(s3, stack, id)),
      );
      for (const b of buckets) for (const m of b.missing) bucketLimits.add(m);
      lines.push(`${stack.stackName} (${stack.region}): tables ${tables.join(', ') || 'none'}`);
      lines.push(
        `${stack.stackName} (${stack.region}): buckets ${buckets.map((b) => `${b.name} ${b.state}`).join(', ') || 'none'}`,
      );
      for (const r of Object.values(stack.template.Resources ?? {}))
        if (!PROVISIONED.has(r.Type) && !SERVED.has(r.Type) && !r.Type.startsWith('AWS::ApiGateway::'))
          skippedTypes.add(r.Type);
      dynamodb.destroy();
      s3.destroy();
    }),
  );

  lines.push(TABLE_LIMITS);
  if (bucketLimits.size)
    lines.push(
      `s3rver: buckets are created without ${[...bucketLimits].join(', ')} (s3rver 3.7 does not implement them).`,
    );
  if (skippedTypes.size) lines.push(`Not emulated locally (no counterpart): ${[...skippedTypes].sort().join(', ')}.`);
  return lines;
}
