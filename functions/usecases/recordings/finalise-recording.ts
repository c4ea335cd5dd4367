import { conflict } from '../../domain/errors';
import { backstopTags } from '../../domain/retention/content-backstop';
import type { StoredItem } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import { isHeldItem } from '../records/held-expiry';
import type { IngestDeps, IngestResult } from '../ingest/deps';
import { interactionIdOf } from '../ingest/interaction-id';
import { uploadKey } from '../ingest/request-recording';
import { SEALED_CONTENT_TYPE, sealedRecordingKey, sealRecording } from './recording-object';
import { AWAITING_UPLOAD, isFinalised, locateRecordingPointer, recordingIdOf, STORED } from './recording-pointer';
import type { RecordingCompleted } from './responses';
import { uploadRefusal } from '../../domain/ingest/upload-rules';
import { recordingPointerKey } from '../records/recording-pointer-keys';

export type FinaliseDeps = Pick<IngestDeps, 'stores' | 'vault' | 'clock'>;

/** The ids of one recording of one tenant, and the region whose table and bucket hold it. */
interface RecordingAt {
  region: string;
  tenantId: string;
  interactionId: string;
  recordingId: string;
}

const nothingUploaded = (recordingId: string) =>
  conflict(
    `Recording ${recordingId} has no upload to complete: PUT the audio to its upload URL first (or, if it has expired, request a new one), then complete.`,
  );

/**
 * Turns a channel's upload (`upload/<t>/<i>/<r>`, raw audio) into the stored recording: checks it
 * (upload-rules.ts), seals it under the interaction's data key into `recording/<t>/<i>/<r>`, marks
 * the pointer finalised and deletes every version of the upload. The steps run in an order that
 * is safe to cut anywhere and run again: the sealed object before the pointer names it (a pointer
 * never names what is not there), the upload deleted last (until then a retry still has the
 * audio). An already finalised recording only gets its leftover upload deleted, so completing
 * twice is harmless. Everything stays in the recording's region.
 */
export async function finaliseRecording(
  deps: FinaliseDeps,
  tenantId: string,
  interactionId: string,
  recordingId: string,
): Promise<RecordingCompleted> {
  const { region, pointer } = await locateRecordingPointer(deps, tenantId, interactionId, recordingId);
  const at: RecordingAt = { region, tenantId, interactionId, recordingId };
  const finalised = isFinalised(pointer) ? pointer : await sealUpload(deps, at, pointer);
  await deps.stores.storesFor(region).content.deleteAllVersions(uploadKey(tenantId, interactionId, recordingId));
  return {
    interactionId,
    recordingId,
    status: STORED,
    mediaType: String(finalised.mediaType),
    bytes: Number(finalised.bytes),
    finalisedAt: String(finalised.finalisedAt),
  };
}

/** POST /v1/interactions/{id}/recording/{recordingId}/complete (ingest API key). */
export async function completeRecording(
  deps: FinaliseDeps,
  tenantId: string,
  rawId: string | undefined,
  rawRecordingId: string | undefined,
): Promise<IngestResult<RecordingCompleted>> {
  const interactionId = interactionIdOf(rawId);
  const recordingId = recordingIdOf(rawRecordingId);
  return { status: 200, body: await finaliseRecording(deps, tenantId, interactionId, recordingId), replayed: false };
}

/** Seals the upload and finalises the pointer; returns the pointer as finalised. */
async function sealUpload(deps: FinaliseDeps, at: RecordingAt, pointer: StoredItem): Promise<StoredItem> {
  const { region, tenantId, interactionId, recordingId } = at;
  const { content, records } = deps.stores.storesFor(region);
  const upload = uploadKey(tenantId, interactionId, recordingId);
  // Anonymising or deleting a recording's content drops `uploadKey`: such a pointer takes no audio any more.
  if (pointer.status !== AWAITING_UPLOAD || pointer.uploadKey !== upload)
    throw conflict(`Recording ${recordingId} no longer takes an upload: its content was deleted.`);
  const mediaType = String(pointer.mediaType);

  const described = await content.stat(upload);
  if (!described) throw nothingUploaded(recordingId);
  const refusal = uploadRefusal(described, mediaType);
  if (refusal) {
    await content.deleteAllVersions(upload);
    throw refusal;
  }
  const audio = await content.get(upload);
  if (!audio) throw nothingUploaded(recordingId);

  const objectKey = sealedRecordingKey(tenantId, interactionId, recordingId);
  // In the lifecycle backstop unless a legal hold already keeps the recording.
  const tags = backstopTags(isHeldItem(pointer) ? 'held' : 'on');
  await content.put(objectKey, await sealRecording(deps.vault, region, tenantId, interactionId, audio.bytes), {
    contentType: SEALED_CONTENT_TYPE,
    tags,
  });
  const key = recordingPointerKey(tenantId, interactionId, recordingId);
  const set = {
    objectKey,
    sealed: true,
    dekId: interactionId,
    bytes: audio.bytes.byteLength,
    mediaType,
    finalisedAt: deps.clock.now().toISOString(),
    status: STORED,
  };
  try {
    return await records.update(
      key,
      { set },
      { kind: 'matches', attributes: { status: AWAITING_UPLOAD, uploadKey: upload } },
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    const current = await records.get(key, { consistent: true });
    if (current && isFinalised(current)) return current; // a concurrent completion finished first
    // Deleted or anonymised meanwhile: what this completion wrote must not outlive its pointer.
    await content.deleteAllVersions(objectKey);
    throw conflict(`Recording ${recordingId} no longer takes an upload: its content was deleted.`);
  }
}
