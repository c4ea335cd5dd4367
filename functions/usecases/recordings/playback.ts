import { randomUUID } from 'node:crypto';
import { playbackFolderOf } from '../../domain/copies/copy-keys';
import { newCopy } from '../../domain/copies/derived-copy';
import { registerCopy } from '../copies/copy-registry';
import { extname } from 'node:path';
import { LetheError, notFound } from '../../domain/errors';
import type { StoredItem } from '../../ports/record-store';
import type { IngestDeps } from '../ingest/deps';
import { DataKeyGone } from '../personal-data/personal-data-vault';
import { openRecording } from './recording-object';
import { isFinalised, recordingUnavailable } from './recording-pointer';

/** How long a play or download link works: long enough to start the audio, short enough not to be shared. */
export const PLAYBACK_LINK_SECONDS = 300;

/** Where playback copies go (functions/domain/copies/copy-keys.ts); the content bucket's lifecycle expires them after a day. */
export { playbackFolderOf, playbackPrefix } from '../../domain/copies/copy-keys';

/**
 * A link that plays (`inline`) or downloads (`attachment`, as `downloadName`) a finalised
 * recording. A browser cannot open the sealed object, so its audio is opened here and written as
 * a short-lived copy, `playback/<t>/<digest of the interaction>/<random id>.<ext>`, to the content
 * bucket of the recording's own region (residency: audio never leaves it), registered against the
 * interaction (whatever deletes its recording deletes the copy, and the link stops working), and
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
  const audio = await openRecording(deps.vault, region, tenantId, interactionId, sealed.bytes).catch(
    (error: unknown) => {
      if (error instanceof DataKeyGone)
        throw new LetheError(
          'NOT_FOUND',
          `Recording ${recordingId} can no longer be opened: its interaction's data key was destroyed (erased).`,
        );
      throw error;
    },
  );
  const copy = `${playbackFolderOf(tenantId, interactionId)}${randomUUID()}${extname(downloadName)}`;
  await registerCopy(
    deps,
    tenantId,
    [pointer.pk],
    newCopy('playback', { bucket: 'content', region, objectKey: copy, contains: ['recording'] }, deps.clock.now()),
  );
  await content.put(copy, audio, { contentType: String(pointer.mediaType) });
  const url = await content.presignGet(
    copy,
    PLAYBACK_LINK_SECONDS,
    disposition === 'attachment' ? { downloadName } : {},
  );
  return { url, expiresAt: new Date(deps.clock.now().getTime() + PLAYBACK_LINK_SECONDS * 1000).toISOString() };
}
