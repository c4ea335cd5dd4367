import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { SettableClock } from '../../../functions/domain/clock';
import type { RecordingUpload } from '../../../functions/domain/ingest/responses';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { runSweep, type SweepRun } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { callApi } from '../../support/api';
import { localNames, regions, s3Client } from '../../support/emulators';
import { rawItems, type RawItem } from '../ingest/support';

/**
 * Helpers of the retention tests: tenants and conversations made through the real API (the local
 * runtime, on the real clock), sweeps run in this process as of any instant through the production
 * composition root, and raw reads of DynamoDB Local and s3rver through the SDK to see what is
 * physically left.
 */
export interface Tenant {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

export const DAY = 86_400_000;
export const SECOND = 1000;

export async function newTenant(preset: 'puzzel' | 'iadvize' | 'inbenta'): Promise<Tenant> {
  const res = await callApi<Tenant>('/v1/tenants', { operator: true, body: { name: `Retention ${preset}`, preset } });
  if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A POST of the staff API as the tenant's admin. */
export const asAdmin = <T>(tenant: Tenant, path: string, body: unknown) =>
  callApi<T>(path, { body, headers: { authorization: `Bearer ${tenant.adminToken}` } });

export async function ingest<T = Record<string, unknown>>(tenant: Tenant, path: string, body: unknown): Promise<T> {
  const res = await callApi<T>(path, { method: 'POST', body, headers: { 'x-api-key': tenant.apiKey } });
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Chat {
  interactionId: string;
  pk: string;
}

export const ANNA = { email: 'anna.lind@example.com', phone: '+46 70 123 45 67', name: 'Anna Lind' };

/** A conversation with a participant, two messages and a survey, ended: every class of an interaction but recordings. */
/** A call whose caller agreed to be recorded (no recording uploaded yet): its interaction id. */
export async function recordedCall(tenant: Tenant, phone: string = ANNA.phone): Promise<string> {
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'call',
    startedAt: new Date().toISOString(),
    participant: { phone },
    consent: { recording: true },
  });
  return interactionId;
}

/** A recording uploaded (not yet completed) to a call: its id; the audio is under `upload/<t>/<interactionId>/`. */
export async function uploadedRecording(tenant: Tenant, interactionId: string): Promise<string> {
  const upload = await ingest<RecordingUpload>(tenant, `/v1/interactions/${interactionId}/recording`, {
    contentType: 'audio/mpeg',
  });
  const put = await fetch(upload.uploadUrl, {
    method: 'PUT',
    headers: upload.headers,
    body: Buffer.from('ID3 the caller speaking'),
  });
  expect(put.status).toBe(200);
  return upload.recordingId;
}

export async function chat(
  tenant: Tenant,
  participant: Record<string, string> = ANNA,
  channel: 'chat' | 'call' = 'chat',
): Promise<Chat> {
  const startedAt = new Date().toISOString();
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel,
    startedAt,
    queue: 'billing',
    participant,
    consent: { storeContent: true, gdpr: { granted: true, noticeVersion: '2025-01' } },
  });
  await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
    messages: [
      { from: 'visitor', at: startedAt, text: 'My parcel never arrived.' },
      { from: 'agent', at: startedAt, text: 'Let me look into it.' },
    ],
  });
  await ingest(tenant, '/v1/surveys', { interactionId, score: 9, comment: 'Quick and kind.' });
  await ingest(tenant, `/v1/interactions/${interactionId}/end`, {
    endedAt: new Date().toISOString(),
    waitSeconds: 4,
    talkSeconds: 60,
  });
  return { interactionId, pk: `T#${tenant.tenantId}#I#${interactionId}` };
}

/** The production composition root on the emulators, with a clock the test holds. */
export function testContainer(now: Date = new Date()): Container & { clock: SettableClock } {
  const clock = new SettableClock(now);
  return { ...buildContainer({ clock }, parseRuntimeConfig(process.env)), clock };
}

/** Sweeps one tenant as of `now`, to the end. */
export async function sweep(
  deps: Container,
  tenantId: string,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<SweepRun> {
  return runSweep(deps, { tenantId, now, dryRun: options.dryRun });
}

/** Every item of the tenant in every region's records table (a test-only Scan). */
export async function recordsOf(tenantId: string): Promise<RawItem[]> {
  return (await Promise.all(regions().map((r) => rawItems(r, 'recordsTable', tenantId)))).flat();
}

/** Every data key of the tenant in every region's keys table. */
export async function keysOf(tenantId: string): Promise<RawItem[]> {
  return (await Promise.all(regions().map((r) => rawItems(r, 'keysTable', tenantId)))).flat();
}

/** Keys of the objects under `prefix` in one bucket kind of every region. */
export async function objectsUnder(
  bucket: 'contentBucket' | 'archiveBucket' | 'litigationBucket',
  prefix: string,
): Promise<string[]> {
  const keys: string[] = [];
  for (const region of regions()) {
    const out = await s3Client(region).send(
      new ListObjectsV2Command({ Bucket: localNames(region)[bucket], Prefix: prefix }),
    );
    keys.push(...(out.Contents ?? []).map((o) => o.Key as string));
  }
  return keys;
}

/** The row of the sweep summary for one class (all regions added up). */
export function tallyOf(run: SweepRun, tenantId: string, dataClass: string): Record<string, number> {
  const total: Record<string, number> = {
    due: 0,
    deleted: 0,
    anonymised: 0,
    archived: 0,
    sealed: 0,
    held: 0,
    failed: 0,
  };
  for (const row of run.rows)
    if (row.tenantId === tenantId && row.dataClass === dataClass)
      for (const [k, v] of Object.entries(row.tally)) total[k] += v;
  return total;
}

export const sortKeys = (items: readonly RawItem[], pk: string) =>
  items
    .filter((i) => i.pk === pk)
    .map((i) => i.sk)
    .sort();
