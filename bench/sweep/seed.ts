import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { expiryBucket } from '../../functions/domain/retention/expiry-bucket';
import type { RuntimeConfig } from '../../functions/shared/runtime-config';
import type { PersonalDataVault } from '../../functions/usecases/personal-data/personal-data-vault';

const BATCH = 25;
const IN_FLIGHT = 16;

export type SeedItem = Record<string, unknown>;

/** Writes items with BatchWriteItem, 25 a request, 16 requests in flight, retrying what is left unprocessed. */
export async function batchWrite(
  dynamo: DynamoDBDocumentClient,
  table: string,
  items: readonly SeedItem[],
): Promise<void> {
  const flush = async (chunk: readonly SeedItem[]) => {
    let request = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (request.length) {
      const out = await dynamo.send(new BatchWriteCommand({ RequestItems: { [table]: request } }));
      request = (out.UnprocessedItems?.[table] ?? []) as typeof request;
    }
  };
  const chunks: SeedItem[][] = [];
  for (let i = 0; i < items.length; i += BATCH) chunks.push(items.slice(i, i + BATCH));
  for (let i = 0; i < chunks.length; i += IN_FLIGHT) await Promise.all(chunks.slice(i, i + IN_FLIGHT).map(flush));
}

export interface SeedPlan {
  tenantId: string;
  region: string;
  count: number;
  /** Expiry of the first record, epoch seconds; the others follow a second apart, wrapping within 20 hours. */
  expiresFrom: number;
  /** `raw`: random bytes where the sealed payload goes (nothing opens it); `vault`: really sealed, one data key per event. */
  sealing: 'raw' | 'vault';
}

/**
 * Due chatbot events as ingest writes them (one partition each: `T#<t>#E#<id>` / `EVENT`, clear
 * type and dimensions, sealed payload and session id, a data key in the keys table, a bucket of
 * the `byExpiry` index), straight into the tables. Returns the partition keys.
 */
export async function seedEvents(
  config: RuntimeConfig,
  dynamo: DynamoDBDocumentClient,
  vault: PersonalDataVault,
  plan: SeedPlan,
): Promise<string[]> {
  const records: SeedItem[] = [];
  const keys: SeedItem[] = [];
  const createdAt = new Date().toISOString();
  for (let i = 0; i < plan.count; i++) {
    const id = `e${String(i).padStart(7, '0')}`;
    const pk = `T#${plan.tenantId}#E#${id}`;
    const expiresAt = plan.expiresFrom + (i % 72_000);
    const personal = { payload: { text: `question number ${i}` }, sessionId: `session-${i % 1000}` };
    const sealed =
      plan.sealing === 'vault'
        ? await vault.sealJson(
            { region: plan.region, tenantId: plan.tenantId, dataClass: 'event', partitionId: id },
            personal,
          )
        : randomBytes(96).toString('base64');
    records.push({
      pk,
      sk: 'EVENT',
      tenantId: plan.tenantId,
      class: 'event',
      createdAt,
      expiresAt,
      expiryBucket: expiryBucket(plan.tenantId, 'event', expiresAt, `${pk}|EVENT`),
      id,
      type: 'question',
      userType: 'visitor',
      source: 'web',
      environment: 'production',
      at: createdAt,
      dekId: id,
      sealed,
    });
    if (plan.sealing === 'raw')
      keys.push({
        pk: `T#${plan.tenantId}#K#${id}`,
        tenantId: plan.tenantId,
        dekId: id,
        wrapped: randomBytes(184),
        createdAt,
      });
  }
  const names = config.regional[plan.region];
  await batchWrite(dynamo, names.recordsTable, records);
  if (keys.length) await batchWrite(dynamo, names.keysTable, keys);
  return records.map((r) => String(r.pk));
}
