import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import JSZip from 'jszip';
import type { DataClass } from '../../../functions/domain/data-class';
import { parsePartitionKey } from '../../../functions/domain/record-keys';
import type { PersonalDataVault } from '../../../functions/usecases/personal-data/personal-data-vault';
import { dynamoDbClient, regions, s3Client } from '../../support/emulators';

/**
 * An independent read of raw storage for the lifecycle invariants (Lethe never scans): every item
 * of every table and every object of every bucket, zips unpacked, sealed values opened whenever
 * their data key still exists. Scoped to some tenants after a step (keys naming them), whole at
 * the end of a sequence.
 */
export interface RawThing {
  /** `table <name> <pk> <sk>` or `bucket <name> <key>` (`!entry` for a file inside a zip). */
  where: string;
  table?: string;
  bucket?: string;
  key: string;
  item?: Record<string, unknown>;
  /** The bytes as stored, as text (for items: the JSON of the item). */
  clear: string;
  /** What opening its sealed value gave, when its key still exists. */
  opened?: string;
}

const asText = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x));
const ZIP_MAGIC = 'PK\u0003\u0004';

/** Reads raw storage for the invariants: `tenantIds` undefined reads everything. */
export type RawStorageReader = (vault: PersonalDataVault, tenantIds?: readonly string[]) => Promise<RawThing[]>;

/** The emulators' raw storage: `tenantIds` undefined reads everything. */
export async function readRawStorage(vault: PersonalDataVault, tenantIds?: readonly string[]): Promise<RawThing[]> {
  const mine = (key: string) => !tenantIds || tenantIds.some((t) => key.includes(t));
  const things: RawThing[] = [];
  const tablesSeen = new Set<string>();
  for (const region of regions()) {
    const dynamo = DynamoDBDocumentClient.from(dynamoDbClient(region));
    for (const table of (await dynamoDbClient(region).send(new ListTablesCommand({}))).TableNames ?? []) {
      if (tablesSeen.has(table)) continue;
      tablesSeen.add(table);
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          const thing = await itemThing(vault, region, table, item);
          if (mine(thing.key)) things.push(thing);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
    const s3 = s3Client(region);
    const buckets = ((await s3.send(new ListBucketsCommand({}))).Buckets ?? [])
      .map((b) => b.Name!)
      .filter((b) => b.includes(region));
    for (const bucket of buckets) {
      let token: string | undefined;
      do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
        for (const { Key } of page.Contents ?? []) {
          if (!mine(Key!)) continue;
          const body = await readIfStillThere(s3, bucket, Key!);
          if (body) things.push(...(await objectThings(vault, region, bucket, Key!, body)));
        }
        token = page.NextContinuationToken;
      } while (token);
    }
  }
  return things;
}

/** One item of a table as the invariants read it: as stored, and its sealed value opened if its key still exists. */
export async function itemThing(
  vault: PersonalDataVault,
  region: string,
  table: string,
  item: Record<string, unknown>,
): Promise<RawThing> {
  const key = `${String(item.pk)} ${String(item.sk ?? '')}`;
  return {
    where: `table ${table} ${key}`,
    table,
    key,
    item,
    clear: asText(item),
    opened: await openItem(vault, region, table, item),
  };
}

/** One object of a bucket as the invariants read it: as stored, opened if sealed, and every file inside if a zip. */
export async function objectThings(
  vault: PersonalDataVault,
  region: string,
  bucket: string,
  key: string,
  body: Uint8Array,
): Promise<RawThing[]> {
  const text = Buffer.from(body).toString('utf8');
  const object = {
    where: `bucket ${bucket} ${key}`,
    bucket,
    key,
    clear: text,
    opened: await openObject(vault, region, key, text),
  };
  return text.startsWith(ZIP_MAGIC) ? [object, ...(await unzip(bucket, key, body))] : [object];
}

async function unzip(bucket: string, key: string, body: Uint8Array): Promise<RawThing[]> {
  const zip = await JSZip.loadAsync(body);
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  return Promise.all(
    entries.map(async (f) => ({
      where: `bucket ${bucket} ${key}!${f.name}`,
      bucket,
      key: `${key}!${f.name}`,
      clear: await f.async('string'),
    })),
  );
}

async function readIfStillThere(
  s3: ReturnType<typeof s3Client>,
  bucket: string,
  key: string,
): Promise<Uint8Array | undefined> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
  } catch (error) {
    // Other suites share the buckets: an object deleted between the listing and the read holds nothing.
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

async function open(
  vault: PersonalDataVault,
  region: string,
  tenantId: string,
  dataClass: DataClass,
  partitionId: string,
  sealed: string,
  dekId?: string,
): Promise<string | undefined> {
  try {
    return (
      await vault.open({ region, tenantId, dataClass, partitionId, ...(dekId ? { dekId } : {}) }, sealed)
    ).toString('utf8');
  } catch {
    return undefined; // shredded, or not sealed for this scope: unreadable is what erasure promises
  }
}

function openItem(
  vault: PersonalDataVault,
  region: string,
  table: string,
  item: Record<string, unknown>,
): Promise<string | undefined> {
  const partition = typeof item.pk === 'string' ? parsePartitionKey(item.pk) : undefined;
  if (!partition || typeof item.sealed !== 'string' || !table.endsWith('-records')) return Promise.resolve(undefined);
  return open(
    vault,
    region,
    partition.tenantId,
    item.class as DataClass,
    partition.id,
    item.sealed,
    // Sealed under the key the item names (a chatbot session's shared key), bound to its own partition.
    typeof item.dekId === 'string' ? item.dekId : undefined,
  );
}

/** Content objects are sealed envelopes; archived records are JSON holding a sealed item. */
async function openObject(
  vault: PersonalDataVault,
  region: string,
  key: string,
  text: string,
): Promise<string | undefined> {
  const [kind, tenantId, partitionId] = key.split('/');
  if (kind === 'recording' || kind === 'transcript') return open(vault, region, tenantId, kind, partitionId, text);
  try {
    const item = (JSON.parse(text) as { item?: Record<string, unknown> }).item;
    return item ? openItem(vault, region, '-records', item) : undefined;
  } catch {
    return undefined; // not JSON: audio, a zip
  }
}

/** Every place `needle` occurs, as stored or once opened. */
export const whereFound = (things: readonly RawThing[], needle: string): string[] =>
  things.filter((t) => t.clear.includes(needle) || t.opened?.includes(needle)).map((t) => t.where);
