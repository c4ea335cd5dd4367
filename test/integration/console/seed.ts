import { callApi } from '../../support/api';
import { silentMp3 } from './silent-mp3';

export interface Tenant {
  tenantId: string;
  apiKey: string;
  adminToken: string;
}

/** A fresh tenant on a policy preset (Puzzel unless named), through the operator route (as `npx lethe tenant create` does). */
export async function createTenant(name: string, preset: 'puzzel' | 'iadvize' = 'puzzel'): Promise<Tenant> {
  const res = await callApi<Tenant>('/v1/tenants', { operator: true, body: { name, preset } });
  if (res.status !== 201) throw new Error(`POST /v1/tenants answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Conversation {
  channel: 'call' | 'chat';
  startedAt: Date;
  queue: string;
  agent: string;
  group: string;
  participant: { phone?: string; email?: string; name?: string };
  messages: Array<{ from: 'visitor' | 'agent'; text: string }>;
  /** Seconds of audio uploaded through the presigned URL; none when absent. */
  recordingSeconds?: number;
}

/** Sends `body` to an ingest route with the tenant's API key, failing on anything but 2xx. */
async function ingest<T>(tenant: Tenant, path: string, body: unknown): Promise<T> {
  const res = await callApi<T>(path, { body, headers: { 'x-api-key': tenant.apiKey } });
  if (res.status >= 300) throw new Error(`POST ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** One conversation through the ingest API as a channel sends it: start, messages, recording (upload, complete), end. */
export async function ingestConversation(
  tenant: Tenant,
  c: Conversation,
): Promise<{ interactionId: string; recordingId?: string }> {
  const at = (offsetSeconds: number) => new Date(c.startedAt.getTime() + offsetSeconds * 1000).toISOString();
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: c.channel,
    startedAt: c.startedAt.toISOString(),
    queue: c.queue,
    agent: c.agent,
    group: c.group,
    participant: c.participant,
    consent: {
      storeContent: true,
      recording: c.recordingSeconds !== undefined,
      gdpr: { granted: true, noticeVersion: 'v1' },
    },
  });
  await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
    messages: c.messages.map((m, i) => ({ ...m, at: at(10 + i * 5) })),
  });
  let recordingId: string | undefined;
  if (c.recordingSeconds !== undefined) {
    const upload = await ingest<{ recordingId: string; uploadUrl: string; headers: Record<string, string> }>(
      tenant,
      `/v1/interactions/${interactionId}/recording`,
      {
        contentType: 'audio/mpeg',
      },
    );
    const put = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: upload.headers,
      body: new Uint8Array(silentMp3(c.recordingSeconds)),
    });
    if (!put.ok) throw new Error(`the recording upload answered ${put.status}: ${await put.text()}`);
    recordingId = upload.recordingId;
    // The channel says the upload is done: Lethe seals the audio and only then offers it for playback.
    await ingest(tenant, `/v1/interactions/${interactionId}/recording/${recordingId}/complete`, {});
  }
  await ingest(tenant, `/v1/interactions/${interactionId}/end`, {
    endedAt: at(120),
    waitSeconds: 15,
    talkSeconds: 100,
  });
  return { interactionId, recordingId };
}
