import {
  CreateBucketCommand,
  HeadBucketCommand,
  NotFound,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { LocalStack } from './local-cloud';

/** Bucket settings s3rver 3.7 does not implement: the bucket is created without them. */
const NOT_EMULATED: Record<string, string> = {
  VersioningConfiguration: 'versioning',
  LifecycleConfiguration: 'lifecycle rules',
  ObjectLockEnabled: 'Object Lock',
  BucketEncryption: 'default encryption',
  LoggingConfiguration: 'access logging',
  PublicAccessBlockConfiguration: 'public access block',
};

/**
 * Creates one AWS::S3::Bucket in s3rver (in the stack's region). Returns what the template asks
 * for that s3rver cannot do, so the start-up log says so instead of pretending.
 */
export async function ensureBucket(
  client: S3Client,
  stack: LocalStack,
  logicalId: string,
): Promise<{ name: string; state: 'created' | 'existing'; missing: string[] }> {
  const name = stack.ref(logicalId);
  const props = stack.resource(logicalId).Properties ?? {};
  const missing = Object.keys(NOT_EMULATED)
    .filter((p) => props[p] !== undefined)
    .map((p) => NOT_EMULATED[p]);
  if (await exists(client, name)) return { name, state: 'existing', missing };
  const location =
    stack.region === 'us-east-1'
      ? {}
      : { CreateBucketConfiguration: { LocationConstraint: stack.region as BucketLocationConstraint } };
  await client.send(new CreateBucketCommand({ Bucket: name, ...location }));
  return { name, state: 'created', missing };
}

async function exists(client: S3Client, bucket: string): Promise<boolean> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    return true;
  } catch (error) {
    if (
      error instanceof NotFound ||
      (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
    )
      return false;
    throw error;
  }
}
