import { localAdminToken } from '../../../functions/cli/commands/token';
import type { AdminRole } from '../../../functions/domain/access/admin-roles';
import { callApi, type ApiRequest, type ApiResponse } from '../../support/api';

/**
 * Helpers of the admin API tests: tenants through the operator route, conversations through the
 * ingest API (API key, presigned upload), staff users of every role with tokens signed like
 * `lethe token` signs them, and calls through the real HTTP runtime.
 */
export interface Tenant {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

export async function newTenant(
  preset: 'puzzel' | 'iadvize' | 'inbenta' = 'puzzel',
  name = 'Admin API test',
): Promise<Tenant> {
  const res = await callApi<Tenant>('/v1/tenants', { operator: true, body: { name, preset } });
  if (res.status !== 201) throw new Error(`tenant creation answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface StaffUser {
  tenantId: string;
  role: AdminRole;
  user: string;
  group?: string;
}

/** A token for `who`, signed as of the local stack's clock (another test may have moved it). */
export async function tokenOf(who: StaffUser): Promise<string> {
  const clock = await callApi<{ now: string }>('/_local/clock');
  return localAdminToken(
    {
      tenant: who.tenantId,
      role: who.role,
      user: who.user,
      ...(who.group ? { group: who.group } : {}),
      hours: '1',
      now: clock.body.now,
    },
    process.env,
  );
}

/** Calls the API as a staff user. */
export async function as<T = Record<string, unknown>>(
  who: StaffUser,
  path: string,
  request: ApiRequest = {},
): Promise<ApiResponse<T>> {
  return callApi<T>(path, {
    ...request,
    headers: { authorization: `Bearer ${await tokenOf(who)}`, ...request.headers },
  });
}

/** POST with the tenant's ingest API key; anything but 2xx fails the test setup. */
export async function ingest<T = Record<string, unknown>>(tenant: Tenant, path: string, body: unknown): Promise<T> {
  const res = await callApi<T>(path, { method: 'POST', body, headers: { 'x-api-key': tenant.apiKey } });
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Conversation {
  channel?: 'chat' | 'call' | 'sms';
  startedAt?: string;
  queue?: string;
  agent?: string;
  group?: string;
  participant?: { phone?: string; email?: string; name?: string };
  messages?: string[];
  /** Audio uploaded through the presigned URL, as the channel would. */
  audio?: Uint8Array;
}

/** Some bytes that stand for an mp3 (an ID3 header and a frame sync): s3rver stores bytes, not audio. */
export const fakeMp3 = (tag: string) =>
  new Uint8Array([...Buffer.from('ID3\u0004\u0000\u0000'), 0xff, 0xfb, ...Buffer.from(tag)]);

/** One conversation as a channel sends it: start, messages, recording upload and completion, end. */
export async function converse(
  tenant: Tenant,
  c: Conversation,
): Promise<{ interactionId: string; recordingId?: string }> {
  const startedAt = c.startedAt ?? new Date(Date.now() - 3600_000).toISOString();
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: c.channel ?? 'call',
    startedAt,
    ...(c.queue ? { queue: c.queue } : {}),
    ...(c.agent ? { agent: c.agent } : {}),
    ...(c.group ? { group: c.group } : {}),
    participant: c.participant ?? {},
    consent: { storeContent: true, recording: c.audio !== undefined, gdpr: { granted: true, noticeVersion: 'v1' } },
  });
  const at = (s: number) => new Date(Date.parse(startedAt) + s * 1000).toISOString();
  if (c.messages?.length)
    await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: c.messages.map((text, i) => ({ from: i % 2 ? 'agent' : 'visitor', text, at: at(10 + i) })),
    });
  let recordingId: string | undefined;
  if (c.audio) {
    const upload = await ingest<{ recordingId: string; uploadUrl: string; headers: Record<string, string> }>(
      tenant,
      `/v1/interactions/${interactionId}/recording`,
      { contentType: 'audio/mpeg' },
    );
    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: upload.headers, body: Buffer.from(c.audio) });
    if (!put.ok) throw new Error(`the recording upload answered ${put.status}`);
    await ingest(tenant, `/v1/interactions/${interactionId}/recording/${upload.recordingId}/complete`, {});
    recordingId = upload.recordingId;
  }
  await ingest(tenant, `/v1/interactions/${interactionId}/end`, {
    endedAt: at(120),
    waitSeconds: 12,
    talkSeconds: 100,
  });
  return { interactionId, recordingId };
}

/** The live policy, edited by `edit`, saved as the next revision by the tenant's admin. */
export async function editPolicy(
  admin: StaffUser,
  edit: (policy: Record<string, any>) => void,
): Promise<ApiResponse<Record<string, any>>> {
  const current = await as<{ policy: Record<string, any> }>(admin, '/v1/policy');
  if (current.status !== 200)
    throw new Error(`GET /v1/policy answered ${current.status}: ${JSON.stringify(current.body)}`);
  const policy = structuredClone(current.body.policy);
  edit(policy);
  return as(admin, '/v1/policy', { method: 'PUT', body: policy });
}

/** Files a subject request as the admin and waits for the local runtime to finish it in the background. */
export async function subjectRequest(admin: StaffUser, body: unknown): Promise<{ status: string }> {
  const filed = await as<{ requestId: string }>(admin, '/v1/subject-requests', { body });
  if (filed.status !== 202)
    throw new Error(`POST /v1/subject-requests answered ${filed.status}: ${JSON.stringify(filed.body)}`);
  for (let i = 0; i < 600; i++) {
    const res = await as<{ status: string }>(admin, `/v1/subject-requests/${filed.body.requestId}`);
    if (['completed', 'cancelled', 'failed'].includes(res.body.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`subject request ${filed.body.requestId} did not end within a minute`);
}
