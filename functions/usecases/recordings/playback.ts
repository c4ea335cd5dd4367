import { createHash, randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { LetheError, notFound } from '../../domain/errors';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from '../ingest/deps';
import { DataKeyGone } from '../personal-data/personal-data-vault';
import { openRecording } from './recording-object';
import { isFinalised, recordingUnavailable } from './recording-pointer';

/** How long a play or download link works: long enough to start the audio, short enough not to be shared. */
export const PLAYBACK_LINK_SECONDS = 300;

/** Where playback copies go; the content bucket's lifecycle expires them after a day (infra/constructs/content-bucket.ts). */
export const playbackPrefix = (tenantId: string) => `playback/${tenantId}/`;

/**
 * The folder of one interaction's playback copies: a digest of its id, so a link names neither
 * the interaction nor the recording, while an erasure can still find (and delete) every plain copy
 * it left, days before lifecycle would.
 */
export const playbackFolderOf = (tenantId: string, interactionId: string): string =>
  `${playbackPrefix(tenantId)}${createHash('sha256').update(`${tenantId}|${interactionId}`).digest('hex').slice(0, 32)}/`;

/**
 * A link that plays (`inline`) or downloads (`attachment`, as `downloadName`) a finalised
 * recording. A browser cannot open the sealed object, so its audio is opened here and written as
 * a short-lived copy, `playback/<t>/<digest of the interaction>/<random id>.<ext>`, to the content
 * bucket of the recording's own region (residency: audio never leaves it), and that copy is
 * presigned for five minutes.
 */
export async function playbackLink(
  deps: Pick<IngestDeps, 'stores' | 'vault' | 'clock'>,
  region: string,
  tenantId: string,
  interactionId: string,
  pointer: StoredItem,
  disposition: 'inline' | 'attachment',
  downloadName: string,
): Promise<{ url: string; expiresAt: string }> {
  const recordingId = String(pointer.recordingId);
  if (!isFinalised(pointer)) throw recordingUnavailable(pointer);
  const content = deps.stores.storesFor(region).content;
  const sealed = await content.get(String(pointer.objectKey));
  if (!sealed) throw notFound(`The audio of recording ${recordingId}`);
  const audio = await openRecording(deps.vault, region, tenantId, interactionId, sealed.bytes).catch((error: unknown) => {
    if (error instanceof DataKeyGone) throw new LetheError('NOT_FOUND', `Recording ${recordingId} can no longer be opened: its interaction's data key was destroyed (erased).`);
    throw error;
  });
  const copy = `${playbackFolderOf(tenantId, interactionId)}${randomUUID()}${extname(downloadName)}`;
  await content.put(copy, audio, { contentType: String(pointer.mediaType) });
  const url = await content.presignGet(copy, PLAYBACK_LINK_SECONDS, disposition === 'attachment' ? { downloadName } : {});
  return { url, expiresAt: new Date(deps.clock.now().getTime() + PLAYBACK_LINK_SECONDS * 1000).toISOString() };
}
