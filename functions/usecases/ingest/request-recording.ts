import { ulid } from 'ulid';
import { recordingRefusal, recordingRefused } from '../../domain/ingest/consent';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { RecordingUpload } from '../../domain/ingest/responses';
import { RecordingRequestSchema } from '../../domain/ingest/schemas';
import { regionFor } from '../../domain/residency/region-for';
import { completePath } from '../../domain/ingest/upload-rules';
import { refusalsFor } from './consent-standing';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { interactionIdOf } from './interaction-id';
import { infoKey } from '../../domain/record-keys';
import { DENY_RECORDING, locateTenantInteraction } from './interaction-info';
import { subjectHmacsOf } from './participant';
import { recordMeta } from '../records/record-items';
import { loadTenant } from './tenant-context';
import { restrictionMark } from '../subject-markers/restriction-markers';
import { heldWrites, isHeldItem } from '../records/held-expiry';
import { recordingPointerKey } from '../records/recording-pointer-keys';

/** How long an upload URL works. */
export const UPLOAD_URL_SECONDS = 900;

/** Where a recording's upload lands in the content bucket, before it is sealed. */
export const uploadKey = (tenantId: string, interactionId: string, recordingId: string) =>
  `upload/${tenantId}/${interactionId}/${recordingId}`;

/**
 * POST /v1/interactions/{id}/recording. Puzzel: a call is recorded only with the caller's
 * consent. Without it (refused, never given on an opt-in channel, withdrawn or objected to since) no URL is
 * issued, `deny_recording` is recorded on the interaction and the channel gets a 403 saying so.
 * With it, a recording pointer is stored and a short-lived presigned PUT URL returned, in the
 * recording's final region (recordings never take the in-flight detour).
 */
export async function requestRecording(
  deps: IngestDeps,
  tenantId: string,
  rawId: string | undefined,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<RecordingUpload>> {
  const interactionId = interactionIdOf(rawId);
  const input = parseIngestRequest(RecordingRequestSchema, request.body ?? {}, 'The recording request');
  const tenant = await loadTenant(deps, tenantId);
  const route = `POST /v1/interactions/${interactionId}/recording`;
  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route,
    body: request.body,
  });

  const located = await locateTenantInteraction(deps, tenant, interactionId);
  const { info } = located;
  const region = regionFor(tenant.policy, 'recording', info.channel, 'final');
  const presign = async (recordingId: string) => {
    const url = await deps.stores
      .storesFor(region)
      .content.presignPut(uploadKey(tenantId, interactionId, recordingId), UPLOAD_URL_SECONDS, input.contentType);
    const expiresAt = new Date(deps.clock.now().getTime() + UPLOAD_URL_SECONDS * 1000).toISOString();
    return {
      recordingId,
      uploadUrl: url,
      method: 'PUT' as const,
      headers: { 'content-type': input.contentType },
      expiresAt,
      completeUrl: completePath(interactionId, recordingId),
    };
  };
  // A replay gets a fresh URL for the same recording: the first one may have expired.
  if (replay) return { ...replay, body: await presign((replay.body as RecordingUpload).recordingId) };

  const channel = tenant.policy.channels[info.channel];
  const { withdrawn, objected } = await refusalsFor(deps, tenant, await subjectHmacsOf(deps, located));
  const refused = recordingRefusal(channel, info.consent, withdrawn, objected);
  if (refused) {
    await deps.stores
      .storesFor(located.region)
      .records.update(
        infoKey(tenantId, interactionId),
        { set: { flags: [DENY_RECORDING], recordingRefused: refused } },
        { kind: 'present' },
      );
    throw recordingRefused(refused);
  }

  const now = deps.clock.now();
  const recordingId = ulid(now.getTime());
  const key = recordingPointerKey(tenantId, interactionId, recordingId);
  const meta = recordMeta(
    tenant.policy,
    key,
    { tenantId, dataClass: 'recording', channel: info.channel, createdAt: now },
    now,
  );
  const pointer = {
    ...key,
    ...meta,
    interactionId,
    recordingId,
    mediaType: input.contentType,
    at: now.toISOString(),
    status: 'awaiting-upload',
    uploadKey: uploadKey(tenantId, interactionId, recordingId),
    // A restricted interaction's new records are restricted too.
    ...restrictionMark(located.item),
  };
  return commitOnce(
    deps.stores.storesFor(region).records,
    heldWrites([{ kind: 'put', item: pointer, condition: { kind: 'absent' } }], isHeldItem(located.item)),
    guard,
    {
      status: 201,
      body: await presign(recordingId),
    },
  );
}
