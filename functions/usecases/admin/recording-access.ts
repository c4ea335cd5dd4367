import type { AccessAction } from '../../domain/access/actions';
import { readerOf } from '../../domain/access/authorize';
import type { Granted } from '../../domain/access/require-access';
import { notFound } from '../../domain/errors';
import type { StoredItem } from '../../ports/record-store';
import { playbackLink } from '../recordings/playback';
import { openRecording } from '../recordings/recording-object';
import { isFinalised, recordingIdOf, recordingUnavailable } from '../recordings/recording-pointer';
import { deleteUnlessHeld } from '../holds/hold-guard';
import { deleteEveryVersion } from '../records/content-objects';
import { tenantAccess, type AdminRequest, type TenantAccess } from './admin-request';
import { grantedInteraction } from './archived-interaction';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { partitionItems } from './interaction-detail';
import type { ContentDeleted, MediaLink } from './responses';
import { deleteCopiesOfPartition } from '../copies/copy-registry';
import { RECORDING_POINTER_PREFIX, recordingPointerSortKey } from '../records/recording-pointer-keys';

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
};
export const recordingFileName = (recordingId: string, mediaType: string) =>
  `${recordingId}.${EXTENSIONS[mediaType] ?? 'bin'}`;

/**
 * Where a recording's audio may be in the content bucket: the object its pointer names, the
 * stored recording (`recording/<t>/<i>/<r>`), and the upload the channel made through its
 * presigned URL (`upload/<t>/<i>/<r>`). Deleting a recording deletes every version of all of them.
 */
export function recordingObjectKeys(tenantId: string, interactionId: string, pointer: StoredItem): string[] {
  const recordingId = String(pointer.recordingId);
  const keys = [
    typeof pointer.objectKey === 'string' ? pointer.objectKey : undefined,
    `recording/${tenantId}/${interactionId}/${recordingId}`,
    typeof pointer.uploadKey === 'string' ? pointer.uploadKey : undefined,
  ];
  return [...new Set(keys.filter((k): k is string => k !== undefined))];
}

async function recordingPointer(
  deps: AdminDeps,
  pk: string,
  rawRecordingId: string | undefined,
  options: Parameters<typeof partitionItems>[3] = {},
) {
  const recordingId = recordingIdOf(rawRecordingId);
  const sk = recordingPointerSortKey(recordingId);
  const found = (await partitionItems(deps, pk, sk, options)).find(({ item }) => item.sk === sk);
  if (!found) throw notFound(`Recording ${recordingId}`);
  return found;
}

export interface GrantedRecording {
  interactionId: string;
  granted: Granted;
  region: string;
  /** A finalised pointer: its audio is sealed in `objectKey`. */
  pointer: StoredItem;
}

/** A finalised recording of an interaction the actor may `action` (404 while its upload was never completed). */
export async function grantedRecording(
  deps: AdminDeps,
  request: AdminRequest,
  tenant: TenantAccess,
  action: Extract<AccessAction, 'recording.play' | 'recording.download'>,
  rawId: string | undefined,
  recordingId: string | undefined,
): Promise<GrantedRecording> {
  const { interactionId, located, granted } = await grantedInteraction(deps, request, tenant, action, rawId);
  const { region, item } = await recordingPointer(deps, located.item.pk, recordingId, {
    reader: readerOf(request.actor),
  });
  if (!isFinalised(item)) throw recordingUnavailable(item);
  return { interactionId, granted, region, pointer: item };
}

/** The audio of a granted recording, opened (for a bulk download); undefined when its object is gone. */
export async function recordingAudio(
  deps: AdminDeps,
  tenantId: string,
  recording: GrantedRecording,
): Promise<Uint8Array | undefined> {
  const sealed = await deps.stores.storesFor(recording.region).content.get(String(recording.pointer.objectKey));
  return sealed && openRecording(deps.vault, recording.region, tenantId, recording.interactionId, sealed.bytes);
}

/**
 * GET /v1/interactions/{id}/recordings/{recordingId}/play and …/download: a presigned GET URL of
 * the audio (a short-lived opened copy: the stored object is sealed, see recordings/playback.ts),
 * inline to play or as an attachment to download, valid five minutes; written to the audit log
 * before the link is handed out.
 */
export async function recordingLink(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
  recordingId: string | undefined,
  purpose: 'play' | 'download',
): Promise<MediaLink> {
  const tenant = await tenantAccess(deps, request.actor);
  const action = purpose === 'play' ? 'recording.play' : 'recording.download';
  const { interactionId, granted, region, pointer } = await grantedRecording(
    deps,
    request,
    tenant,
    action,
    rawId,
    recordingId,
  );
  const mediaType = String(pointer.mediaType);
  await recordAccess(deps, request, granted, action, {
    interactionId,
    details: { recordingId: String(pointer.recordingId) },
  });
  const link = await playbackLink(
    deps,
    region,
    request.actor.tenantId,
    interactionId,
    pointer,
    purpose === 'download' ? 'attachment' : 'inline',
    recordingFileName(String(pointer.recordingId), mediaType),
  );
  return { ...link, mediaType };
}

/** Deletes one recording (its pointer and every version of its audio) and keeps the general info; HELD while a legal hold keeps the interaction. */
export async function deleteRecordingOf(
  deps: AdminDeps,
  request: AdminRequest,
  tenant: TenantAccess,
  rawId: string | undefined,
  recordingId: string | undefined,
): Promise<ContentDeleted> {
  const { interactionId, located, granted } = await grantedInteraction(
    deps,
    request,
    tenant,
    'recording.delete',
    rawId,
  );
  const { region, item } = await recordingPointer(deps, located.item.pk, recordingId, { expired: true });
  const versions = await deleteUnlessHeld(
    deps,
    request.actor.tenantId,
    [located.item.pk],
    `Interaction ${interactionId}`,
    async () => {
      const stores = deps.stores.storesFor(region);
      const deleted = await deleteEveryVersion(
        stores.content,
        recordingObjectKeys(request.actor.tenantId, interactionId, item),
      );
      await deleteCopiesOfPartition(deps, item.pk, 'recording');
      await stores.records.deleteItems([{ pk: item.pk, sk: item.sk }]);
      return deleted;
    },
  );
  await recordAccess(deps, request, granted, 'recording.delete', {
    interactionId,
    details: { recordingId: String(item.recordingId), versions },
  });
  return { interactionId, deleted: versions + 1 };
}

/** DELETE /v1/interactions/{id}/recordings/{recordingId}. */
export async function deleteRecording(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
  recordingId: string | undefined,
): Promise<ContentDeleted> {
  return deleteRecordingOf(deps, request, await tenantAccess(deps, request.actor), rawId, recordingId);
}

/** Every recording pointer of an interaction, expired ones included (what a bulk delete removes). */
export const recordingPointers = (deps: AdminDeps, pk: string, options: { expired?: boolean } = {}) =>
  partitionItems(deps, pk, RECORDING_POINTER_PREFIX, options);
