import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import type { S3Client } from '@aws-sdk/client-s3';
import type { RuntimeConfig } from '../../functions/shared/runtime-config';

/** Records of one background conversation: general info and three chat-log lines (plus two index entries). */
export const RECORDS_PER_CONVERSATION = 4;
/** One conversation in this many also has a recording object in its region's content bucket. */
const RECORDING_EVERY = 20;
const BATCH = 25;
const IN_FLIGHT = 8;

const sealedNoise = () => randomBytes(96).toString('base64');
const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/**
 * Other people's conversations, shaped like ingest's items (sealed fields, `expiryBucket` for the
 * `byExpiry` index, subject-index entries with their own keyed hashes for `bySubject`), written
 * straight to the tables with BatchWriteItem: the store the erasure runs against grows, the
 * subject does not. Alternates between regions so both tables grow.
 */
export async function loadConversations(
  config: RuntimeConfig,
  dynamo: (region: string) => DynamoDBDocumentClient,
  s3: (region: string) => S3Client,
  tenantId: string,
  conversations: number,
  progress: (done: number) => void,
): Promise<void> {
  const expiresAt = Math.floor(Date.now() / 1000) + 365 * 86_400;
  const pending: Promise<void>[] = [];
  const batches = new Map<string, Record<string, unknown>[]>(config.regions.map((r) => [r, []]));
  let done = 0;
  const flush = async (items: Record<string, unknown>[], to: string) => {
    let request = items.map((Item) => ({ PutRequest: { Item } }));
    const table = config.regional[to].recordsTable;
    while (request.length) {
      const out = await dynamo(to).send(new BatchWriteCommand({ RequestItems: { [table]: request } }));
      request = (out.UnprocessedItems?.[table] ?? []) as typeof request;
    }
  };
  for (let i = 0; i < conversations; i++) {
    const region = config.regions[i % config.regions.length];
    const id = ulid();
    const pk = `T#${tenantId}#I#${id}`;
    const bucket = (cls: string, shard: number) => `T#${tenantId}#${cls}#${day(expiresAt)}#${shard}`;
    const common = { pk, tenantId, createdAt: new Date().toISOString(), expiresAt, dekId: id };
    const items: Record<string, unknown>[] = [
      {
        ...common,
        sk: 'INFO',
        class: 'interaction',
        expiryBucket: bucket('interaction', i % 4),
        interactionId: id,
        channel: 'chat',
        startedAt: common.createdAt,
        sealed: sealedNoise(),
      },
      ...[0, 1, 2].map((seq) => ({
        ...common,
        sk: `MSG#${common.createdAt}#00000${seq}`,
        class: 'transcript',
        expiryBucket: bucket('transcript', (i + seq) % 4),
        interactionId: id,
        seq,
        from: 'visitor',
        sealed: sealedNoise(),
      })),
      ...['email', 'phone'].map((kind) => {
        const hmac = randomBytes(32).toString('hex');
        return {
          pk,
          sk: `SUBJ#${kind}#${hmac}`,
          tenantId,
          subjectKey: `T#${tenantId}#${hmac}`,
          kind,
          class: 'interaction',
          createdAt: common.createdAt,
          expiresAt,
        };
      }),
    ];
    if (i % RECORDING_EVERY === 0)
      pending.push(
        s3(region)
          .send(
            new PutObjectCommand({
              Bucket: config.regional[region].contentBucket,
              Key: `recording/${tenantId}/${id}/${ulid()}`,
              Body: randomBytes(512),
            }),
          )
          .then(() => undefined),
      );
    const batch = batches.get(region)!;
    for (const item of items) {
      batch.push(item);
      if (batch.length === BATCH) pending.push(flush(batch.splice(0), region));
    }
    if (pending.length >= IN_FLIGHT) await Promise.all(pending.splice(0));
    done++;
    if (done % 5000 === 0) progress(done);
  }
  for (const [region, batch] of batches) if (batch.length) pending.push(flush(batch.splice(0), region));
  await Promise.all(pending);
  progress(done);
}
