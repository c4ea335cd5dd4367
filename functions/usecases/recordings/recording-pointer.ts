import * as z from 'zod';
import { LetheError, notFound, validationFailed } from '../../domain/errors';
import { isVisibleAt } from '../../domain/retention/visibility';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from '../ingest/deps';
import { recordingPointerKey } from '../records/recording-pointer-keys';

/** The pointer's status from the upload URL until completion (as request-recording writes it), and after. */
export const AWAITING_UPLOAD = 'awaiting-upload';
export const STORED = 'stored';
/** As listed once its audio is gone and the pointer stays (anonymised: kept as statistics). */
export const RECORDING_STATUSES = [AWAITING_UPLOAD, STORED, 'deleted'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** The `{recordingId}` of a route: a ULID, or a 400 naming it. */
export function recordingIdOf(raw: string | undefined): string {
  const parsed = z.ulid().safeParse(raw);
  if (!parsed.success)
    throw validationFailed(
      [{ path: 'recordingId', message: 'must be a recording id (ULID)' }],
      'The recording id is not valid.',
    );
  return parsed.data;
}

/** Finalised: the audio is sealed in `objectKey`. Anything else is a pending upload: raw audio, never served. */
export const isFinalised = (pointer: StoredItem): boolean =>
  pointer.sealed === true && typeof pointer.objectKey === 'string';

/** What a pointer says of its audio: sealed and stored, still awaiting its upload, or deleted. */
export function recordingStatusOf(pointer: StoredItem): RecordingStatus {
  if (isFinalised(pointer)) return STORED;
  // A pending upload keeps its raw object's key; anonymising or deleting the content removes it.
  return pointer.status === AWAITING_UPLOAD && typeof pointer.uploadKey === 'string' ? AWAITING_UPLOAD : 'deleted';
}

const recordingNotYetAvailable = (recordingId: string) =>
  new LetheError(
    'NOT_FOUND',
    `Recording ${recordingId} is not available yet: its upload was never completed (the channel must POST /v1/interactions/{id}/recording/${recordingId}/complete after uploading).`,
  );

/** The 404 for a pointer without playable audio: its upload never completed, or its audio was deleted. */
export function recordingUnavailable(pointer: StoredItem): LetheError {
  const recordingId = String(pointer.recordingId);
  if (recordingStatusOf(pointer) === 'deleted')
    return new LetheError(
      'NOT_FOUND',
      `Recording ${recordingId} was deleted: its audio is gone, only its statistics remain.`,
    );
  return recordingNotYetAvailable(recordingId);
}

/**
 * A recording's live pointer, in whichever served region holds it (the policy's regions may have
 * changed since it was written). Missing or expired: 404, as if it never existed.
 */
export async function locateRecordingPointer(
  deps: Pick<IngestDeps, 'stores' | 'clock'>,
  tenantId: string,
  interactionId: string,
  recordingId: string,
): Promise<{ region: string; pointer: StoredItem }> {
  const key = recordingPointerKey(tenantId, interactionId, recordingId);
  const now = deps.clock.now();
  const found = await Promise.all(
    deps.stores.regions.map(async (region) => ({
      region,
      pointer: await deps.stores.storesFor(region).records.get(key, { consistent: true }),
    })),
  );
  const live = found.find(
    (f): f is { region: string; pointer: StoredItem } => f.pointer !== undefined && isVisibleAt(f.pointer, now),
  );
  if (!live) throw notFound(`Recording ${recordingId} of interaction ${interactionId}`);
  return live;
}
