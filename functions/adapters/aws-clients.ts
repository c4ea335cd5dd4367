import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RuntimeConfig } from '../shared/runtime-config';

/** Static credentials, for an identity other than the default chain's. */
export interface StaticCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The SDK clients of every region, built once per cold start and only on first use. In AWS they
 * use the function's role and the region's public endpoints; locally `config.endpoints` points
 * them at the emulators (same wire protocol, so the adapters run unchanged).
 */
export class AwsClients {
  private readonly dynamo = new Map<string, DynamoDBDocumentClient>();
  private readonly s3 = new Map<string, S3Client>();
  private readonly kms = new Map<string, KMSClient>();
  private readonly lambda = new Map<string, LambdaClient>();

  /** `credentials`: another identity than the default chain (e.g. the legal-access role). */
  constructor(
    private readonly config: Pick<RuntimeConfig, 'endpoints'>,
    private readonly credentials?: StaticCredentials,
  ) {}

  /** Document client: items in and out as plain objects, binary as Uint8Array. */
  dynamoFor(region: string): DynamoDBDocumentClient {
    return once(this.dynamo, region, () =>
      DynamoDBDocumentClient.from(new DynamoDBClient(this.common(region, this.config.endpoints.dynamodb)), {
        marshallOptions: { removeUndefinedValues: true },
      }),
    );
  }

  s3For(region: string): S3Client {
    const endpoint = this.config.endpoints.s3;
    // The emulator serves buckets as paths, not as DNS names.
    return once(
      this.s3,
      region,
      () => new S3Client({ ...this.common(region, endpoint), forcePathStyle: endpoint !== undefined }),
    );
  }

  kmsFor(region: string): KMSClient {
    return once(this.kms, region, () => new KMSClient(this.common(region, this.config.endpoints.kms)));
  }

  /** No emulator serves Lambda: locally jobs run in-process, so this client only ever talks to AWS. */
  lambdaFor(region: string): LambdaClient {
    return once(this.lambda, region, () => new LambdaClient(this.common(region, undefined)));
  }

  private common(region: string, endpoint: string | undefined) {
    return {
      region,
      ...(endpoint ? { endpoint } : {}),
      ...(this.credentials ? { credentials: this.credentials } : {}),
    };
  }
}

function once<T>(cache: Map<string, T>, region: string, make: () => T): T {
  let client = cache.get(region);
  if (!client) cache.set(region, (client = make()));
  return client;
}
