import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { callApi, type ApiResponse } from '../../support/api';
import { dynamoDbClient, localNames, regions } from '../../support/emulators';

/**
 * Helpers of the ingest integration tests: a fresh tenant per test through the real operator
 * route, calls with its API key or admin token through the real HTTP runtime, and raw reads of
 * what landed in DynamoDB Local, per region, straight through the SDK.
 */
export interface Tenant {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

export async function newTenant(preset: 'puzzel' | 'iadvize' | 'inbenta'): Promise<Tenant> {
  const res = await callApi<Tenant>('/v1/tenants', { operator: true, body: { name: `Ingest ${preset}`, preset } });
  if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POST with the tenant's API key. */
export const ingest = <T = Record<string, unknown>>(
  tenant: Tenant,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<ApiResponse<T>> =>
  callApi<T>(path, { method: 'POST', body, headers: { 'x-api-key': tenant.apiKey, ...headers } });

/** GET with the tenant's admin token. */
export const readBack = <T = Record<string, unknown>>(tenant: Tenant, path: string): Promise<ApiResponse<T>> =>
  callApi<T>(path, { headers: { authorization: `Bearer ${tenant.adminToken}` } });

export type RawItem = Record<string, unknown> & { pk: string; sk: string };

/** Every item of the tenant in one region's table (a Scan: fine for a test, never done by Lethe). */
export async function rawItems(
  region: string,
  table: 'recordsTable' | 'keysTable' | 'aggregatesTable',
  tenantId: string,
): Promise<RawItem[]> {
  const client = DynamoDBDocumentClient.from(dynamoDbClient(region));
  const items: RawItem[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await client.send(
      new ScanCommand({
        TableName: localNames(region)[table],
        FilterExpression: 'begins_with(pk, :t)',
        ExpressionAttributeValues: { ':t': `T#${tenantId}#` },
        ExclusiveStartKey: start,
      }),
    );
    items.push(...((out.Items ?? []) as RawItem[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The tenant's items of one partition, by region. */
export async function partitionByRegion(tenantId: string, pk: string): Promise<Record<string, RawItem[]>> {
  const entries = await Promise.all(
    regions().map(async (r) => [r, (await rawItems(r, 'recordsTable', tenantId)).filter((i) => i.pk === pk)] as const),
  );
  return Object.fromEntries(entries);
}

/** Everything the tenant has stored anywhere, as one string, to search for clear values. */
export async function everythingStored(tenantId: string): Promise<string> {
  const tables = ['recordsTable', 'keysTable', 'aggregatesTable'] as const;
  const all = await Promise.all(regions().flatMap((r) => tables.map((t) => rawItems(r, t, tenantId))));
  return JSON.stringify(all.flat(), (_k, v: unknown) =>
    v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v,
  );
}

/** A KPI query range around now wide enough for any tenant time zone: `from=…&to=…`. */
export function aroundToday(): string {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `from=${day(-1)}&to=${day(1)}`;
}
