import { ListObjectsV2Command, GetObjectCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import { SettableClock } from '../../../functions/domain/clock';
import type { DataClass } from '../../../functions/domain/data-class';
import { presetPolicy } from '../../../functions/domain/policy/presets';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import { parsePartitionKey } from '../../../functions/domain/record-keys';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { subjectRequestDeps, type SubjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { executeSubjectRequest, type JobHooks } from '../../../functions/usecases/subject-requests/run-request';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import type { SubjectRequestJob } from '../../../functions/domain/subject-requests/job';
import { callApi, type ApiResponse } from '../../support/api';
import { dynamoDbClient, regions, s3Client } from '../../support/emulators';

/**
 * Helpers of the subject-request tests: tenants and conversations made through the real API (the
 * local runtime), subject requests run through the use cases with a container the test holds,
 * and an independent full scan of every table and bucket of the emulators.
 */
export interface Tenant {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

export async function newTenant(preset: 'puzzel' | 'iadvize' | 'inbenta' = 'iadvize'): Promise<Tenant> {
  const res = await callApi<Tenant>('/v1/tenants', {
    operator: true,
    body: { name: `Subject requests ${preset}`, preset },
  });
  if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function ingest<T = Record<string, unknown>>(tenant: Tenant, path: string, body: unknown): Promise<T> {
  const res = await callApi<T>(path, { method: 'POST', body, headers: { 'x-api-key': tenant.apiKey } });
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export const asAdmin = <T = unknown>(
  tenant: Tenant,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<ApiResponse<T>> =>
  callApi<T>(path, { method, body, headers: { authorization: `Bearer ${tenant.adminToken}` } });

/** A Puzzel tenant whose general info moves to the archive tier (kept 2 years there) when its 180 days end. */
export async function archivingTenant(): Promise<Tenant> {
  const tenant = await newTenant('puzzel');
  const read = (await asAdmin<{ policy: { classes: Record<string, Record<string, unknown>> } }>(tenant, '/v1/policy'))
    .body.policy;
  const saved = await asAdmin(tenant, '/v1/policy', 'PUT', {
    ...read,
    classes: {
      ...read.classes,
      interaction: { ...read.classes.interaction, afterExpiry: 'archive', archiveRetention: 'P2Y' },
    },
  });
  if (saved.status !== 200) throw new Error(`the archiving policy was refused: ${JSON.stringify(saved.body)}`);
  return tenant;
}

export const asChannel = <T = unknown>(
  tenant: Tenant,
  path: string,
  method = 'GET',
  body?: unknown,
): Promise<ApiResponse<T>> => callApi<T>(path, { method, body, headers: { 'x-api-key': tenant.apiKey } });

/** The production composition root on the emulators, with the real time on a clock the test holds. */
export function testContainer(): Container & { clock: SettableClock } {
  const clock = new SettableClock(new Date());
  return { ...buildContainer({ clock }, parseRuntimeConfig(process.env)), clock };
}

export function testDeps(c: Container = testContainer()): SubjectRequestDeps {
  return subjectRequestDeps(c);
}

/** Files a request as the operator console would and runs it to its end in this process. */
export async function runRequest(
  deps: SubjectRequestDeps,
  tenantId: string,
  body: unknown,
  hooks?: JobHooks,
): Promise<SubjectRequestJob> {
  const filed = await fileSubjectRequest(deps, tenantId, { kind: 'operator' }, body);
  return executeSubjectRequest(deps, tenantId, filed.requestId, hooks);
}

/** A data subject and the unique strings that mark everything stored about them. */
export interface Subject {
  email: string;
  phone: string;
  name: string;
  /** A word in their chat messages and survey comment: content, not an identifier. */
  marker: string;
  /** Bytes of their call recording as uploaded (raw until ingest seals it). */
  voice: string;
}

const letters = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');

export function newSubject(label: string): Subject {
  const tag = letters(10);
  const digits = String(Math.floor(Math.random() * 9e7) + 1e7);
  return {
    email: `${label}.${tag}@example.fr`,
    phone: `+336${digits}`,
    name: `${label[0].toUpperCase()}${label.slice(1)} ${tag[0].toUpperCase()}${tag.slice(1, 6)}`,
    marker: `quokka${letters(12)}`,
    voice: `ID3 voice of ${label} ${letters(16)}`,
  };
}

/** What was stored for a subject, by id. */
export interface Stored {
  chatId: string;
  smsId: string;
  consentId: string;
  /** Completed: sealed in `recording/<t>/<chat>/<id>`. */
  recordingId: string;
  /** Uploaded, never completed: raw in `upload/<t>/<chat>/<id>`. */
  pendingRecordingId: string;
  surveyId: string;
}

const now = () => new Date().toISOString();

/**
 * Everything an iAdvize tenant stores about a subject: a chat in eu-central-1 (general info,
 * messages, a survey with a comment, a completed recording sealed under the chat's key and a
 * second one uploaded but never completed) and an SMS conversation in us-east-1, plus a consent
 * proof and an audit entry about the chat.
 */
export async function storeSubject(c: Container, tenant: Tenant, s: Subject): Promise<Stored> {
  const participant = { email: s.email, phone: s.phone, name: s.name };
  const gdpr = { granted: true, noticeVersion: 'v1' };
  const chat = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'chat',
    startedAt: now(),
    queue: 'sales',
    participant,
    consent: { storeContent: true, recording: true, gdpr },
  });
  await ingest(tenant, `/v1/interactions/${chat.interactionId}/messages`, {
    messages: [
      { from: 'visitor', at: now(), text: `Hello, about the ${s.marker} order` },
      { from: 'agent', at: now(), text: 'Let me check that for you' },
    ],
  });
  const survey = await ingest<{ surveyId: string }>(tenant, '/v1/surveys', {
    interactionId: chat.interactionId,
    score: 9,
    comment: `great help with ${s.marker}`,
  });
  const upload = async () => {
    const issued = await ingest<{ recordingId: string; uploadUrl: string; headers: Record<string, string> }>(
      tenant,
      `/v1/interactions/${chat.interactionId}/recording`,
      { contentType: 'audio/mpeg' },
    );
    const put = await fetch(issued.uploadUrl, { method: 'PUT', headers: issued.headers, body: Buffer.from(s.voice) });
    if (put.status !== 200) throw new Error(`upload answered ${put.status}`);
    return issued.recordingId;
  };
  const recordingId = await upload();
  await ingest(tenant, `/v1/interactions/${chat.interactionId}/recording/${recordingId}/complete`, {}); // sealed under the chat's key, raw upload deleted
  const pendingRecordingId = await upload(); // never completed: raw audio waiting in upload/

  const sms = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'sms',
    startedAt: now(),
    participant: { phone: s.phone },
  });
  await ingest(tenant, `/v1/interactions/${sms.interactionId}/messages`, {
    messages: [{ from: 'visitor', at: now(), text: `Is the ${s.marker} parcel shipped?` }],
  });
  const consent = await ingest<{ consentId: string }>(tenant, '/v1/consents', {
    subject: { email: s.email, phone: s.phone },
    purpose: 'gdpr',
    granted: true,
    noticeVersion: 'v1',
    channel: 'chat',
    at: now(),
  });
  await c.auditLog.append(tenant.tenantId, {
    at: now(),
    actor: { user: 'agent-7', role: 'advisor', support: false },
    action: 'transcript.view',
    interactionId: chat.interactionId,
    from: '10.1.2.0/24',
    details: {},
  });
  return {
    chatId: chat.interactionId,
    smsId: sms.interactionId,
    consentId: consent.consentId,
    recordingId,
    pendingRecordingId,
    surveyId: survey.surveyId,
  };
}

/** The subject's keyed hashes, as the subject index stores them. */
export async function hmacsOf(c: Container, tenantId: string, s: Subject): Promise<string[]> {
  const secret = await c.tenantSecrets.subjectIndexSecret(tenantId);
  return subjectKeysOf(
    { email: s.email, phone: s.phone, name: s.name },
    secret,
    presetPolicy('iadvize').defaultCallingCode,
  ).map((k) => k.hmacHex);
}

type Item = Record<string, unknown>;
const asText = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (x instanceof Uint8Array ? Buffer.from(x).toString('base64') : x));

/** One thing the scan read, and the tenant it belongs to (from its key), when it names one. */
export interface Trace {
  tenantId?: string;
  text: string;
}

const TENANT_IN_KEY = /(?:^|[#/])([0-9A-HJKMNP-TV-Z]{26})(?=[#/]|$)/;
const tenantOfKey = (key: string): string | undefined =>
  key.startsWith('T#') || key.startsWith('TENANT#') ? key.split('#')[1] : TENANT_IN_KEY.exec(key)?.[1];

/** Everything the scan read, except what belongs to `tenantId`. */
export const textOutside = (scan: readonly Trace[], tenantId: string) =>
  scan
    .filter((t) => t.tenantId !== tenantId)
    .map((t) => t.text)
    .join('\n');
export const textOf = (scan: readonly Trace[], tenantId: string) =>
  scan
    .filter((t) => t.tenantId === tenantId)
    .map((t) => t.text)
    .join('\n');

/**
 * An independent full scan of the emulators, written for the test (Lethe never scans): every
 * item of every table and every object of every bucket, as text, attributed to the tenant its key
 * names. Sealed values of the tenants named are opened with a fresh vault whenever their data key
 * still exists, so what is readable is searched too, not only what is stored in clear.
 */
export async function fullScan(openTenants: readonly string[]): Promise<Trace[]> {
  const traces: Trace[] = [];
  const vault = testContainer().vault;
  const open = async (region: string, tenantId: string, dataClass: DataClass, partitionId: string, sealed: string) => {
    try {
      traces.push({
        tenantId,
        text: (await vault.open({ region, tenantId, dataClass, partitionId }, sealed)).toString('utf8'),
      });
    } catch {
      // shredded, or not sealed for this scope: unreadable is what erasure promises
    }
  };
  const scanned = new Set<string>();
  for (const region of regions()) {
    const dynamo = DynamoDBDocumentClient.from(dynamoDbClient(region));
    const tables = (await dynamoDbClient(region).send(new ListTablesCommand({}))).TableNames ?? [];
    for (const table of tables.filter((t) => !scanned.has(t))) {
      scanned.add(table);
      let start: Item | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          traces.push({ tenantId: typeof item.pk === 'string' ? tenantOfKey(item.pk) : undefined, text: asText(item) });
          const partition = typeof item.pk === 'string' ? parsePartitionKey(item.pk) : undefined;
          if (
            partition &&
            openTenants.includes(partition.tenantId) &&
            typeof item.sealed === 'string' &&
            table.endsWith('-records')
          )
            await open(
              region,
              partition.tenantId,
              item.class as DataClass,
              typeof item.dekId === 'string' ? item.dekId : partition.id,
              item.sealed,
            );
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
          const body = await readIfStillThere(s3, bucket, Key!);
          // Other test files share the buckets: an object deleted between the listing and the read holds no trace.
          if (!body) continue;
          const text = Buffer.from(body).toString('utf8');
          traces.push({ tenantId: tenantOfKey(Key!), text: `${Key} ${text}` });
          await openObject(region, Key!, text, openTenants, open);
        }
        token = page.NextContinuationToken;
      } while (token);
    }
  }
  return traces;
}

async function readIfStillThere(
  s3: ReturnType<typeof s3Client>,
  bucket: string,
  key: string,
): Promise<Uint8Array | undefined> {
  try {
    return await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToByteArray();
  } catch (error) {
    if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
    throw error;
  }
}

/** Content objects are sealed envelopes; archived records are JSON holding a sealed item. */
async function openObject(
  region: string,
  key: string,
  text: string,
  openTenants: readonly string[],
  open: (region: string, tenantId: string, dataClass: DataClass, partitionId: string, sealed: string) => Promise<void>,
): Promise<void> {
  const [kind, tenantId, partitionId] = key.split('/');
  if (!openTenants.includes(tenantId)) return;
  if (kind === 'recording' || kind === 'transcript') await open(region, tenantId, kind, partitionId, text);
  try {
    const archived = JSON.parse(text) as { item?: Item & { pk: string } };
    const item = archived.item;
    const partition = item && parsePartitionKey(item.pk);
    if (item && partition && typeof item.sealed === 'string')
      await open(region, tenantId, item.class as DataClass, partition.id, item.sealed);
  } catch {
    // not JSON: audio, sealed content
  }
}

/** A fresh tenant-less id, for things that must not exist. */
export const freshId = () => ulid();
