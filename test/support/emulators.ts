import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { homeResourceNames, LOCAL_ACCOUNT, regionalResourceNames } from '../../functions/shared/resource-names';

/**
 * SDK clients for the emulators the global setup started, configured as the adapters configure
 * theirs: endpoint from LETHE_*_ENDPOINT, path-style S3, the local credentials. Use them to
 * prepare data and to check where bytes landed, exactly as against AWS.
 */

/** Local KMS principals by access key: the application role (default) or the legal-access role. */
export type LocalPrincipal = 'S3RVER' | 'LEGALROLE';

export function env(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: integration tests run under the jest "integration" project, whose global setup starts the local stack`,
    );
  return value;
}

export const homeRegion = () => env('LETHE_HOME_REGION');
export const regions = () => env('LETHE_REGIONS').split(',');

const credentials = (principal: LocalPrincipal = 'S3RVER') => ({ accessKeyId: principal, secretAccessKey: principal });

export function dynamoDbClient(region = homeRegion()): DynamoDBClient {
  return new DynamoDBClient({ region, endpoint: env('LETHE_DYNAMODB_ENDPOINT'), credentials: credentials() });
}

export function s3Client(region = homeRegion()): S3Client {
  return new S3Client({ region, endpoint: env('LETHE_S3_ENDPOINT'), forcePathStyle: true, credentials: credentials() });
}

/** A KMS client acting as `principal`: the application role (default) or the legal-access role. */
export function kmsClient(region = homeRegion(), principal: LocalPrincipal = 'S3RVER'): KMSClient {
  return new KMSClient({ region, endpoint: env('LETHE_KMS_ENDPOINT'), credentials: credentials(principal) });
}

/** Physical names of a region's tables, buckets and key aliases, as provisioned locally. */
export const localNames = (region = homeRegion()) => regionalResourceNames(env('LETHE_APP'), LOCAL_ACCOUNT, region);

/** Physical names of the home region's directory table and exports bucket. */
export const homeNames = () => homeResourceNames(env('LETHE_APP'), LOCAL_ACCOUNT, homeRegion());

/** A tenant's directory items whose sort key starts with `skPrefix`, as the table stores them (keys included). */
export async function rawDirectoryItems(tenantId: string, skPrefix: string): Promise<Record<string, unknown>[]> {
  const out = await DynamoDBDocumentClient.from(dynamoDbClient()).send(
    new QueryCommand({
      TableName: homeNames().directoryTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':sk': skPrefix },
    }),
  );
  return out.Items ?? [];
}
