import { bulkDownloadKey } from '../../domain/copies/copy-keys';
import { newCopy } from '../../domain/copies/derived-copy';
import { registerCopy } from '../copies/copy-registry';
import { loadJSZip } from '../../domain/export/export-formats';
import { ulid } from 'ulid';
import type { AccessAction } from '../../domain/access/actions';
import { readerOf } from '../../domain/access/authorize';
import { requireAccess } from '../../domain/access/require-access';
import { LetheError, payloadTooLarge } from '../../domain/errors';
import { parseOrThrow } from '../../domain/validation';
import { interactionPartition } from '../../domain/record-keys';
import { deleteUnlessHeld } from '../holds/hold-guard';
import { getTranscript } from '../readback/get-transcript';
import { tenantAccess, type AdminRequest, type TenantAccess } from './admin-request';
import { grantedInteraction } from './archived-interaction';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { PLAYBACK_LINK_SECONDS } from '../recordings/playback';
import {
  deleteRecordingOf,
  grantedRecording,
  recordingAudio,
  recordingFileName,
  recordingPointers,
} from './recording-access';
import { BulkRequestSchema, type BulkDeleted, type BulkDownload, type BulkRequest } from './responses';
import { deleteTranscriptOf, transcriptXml } from './transcript-access';

type Outcome = BulkDeleted['results'][number];

/** The most audio one bulk download packs: a Lambda holds the zip in memory. */
export const MAX_BULK_BYTES = 100 * 1024 * 1024;

/** Which actions a bulk request needs, by content kind. */
const ACTIONS = {
  delete: { transcript: 'transcript.delete', recording: 'recording.delete' },
  download: { transcript: 'transcript.download', recording: 'recording.download' },
} as const satisfies Record<string, Record<BulkRequest['content'][number], AccessAction>>;

/**
 * A bulk request is refused as a whole (403) when the role may not do it at all; within it, each
 * interaction the actor may not touch (another group, another agent's, restricted) is reported as
 * `forbidden`, and one that does not exist for this tenant as `not-found`, without stopping the rest.
 */
async function parseBulk(
  deps: AdminDeps,
  request: AdminRequest,
  body: unknown,
  kind: keyof typeof ACTIONS,
): Promise<{ bulk: BulkRequest; tenant: TenantAccess }> {
  const bulk = parseOrThrow(BulkRequestSchema, body, 'The bulk request');
  const tenant = await tenantAccess(deps, request.actor);
  for (const content of bulk.content)
    requireAccess(request.actor, ACTIONS[kind][content], { tenant: tenant.scope }, `Tenant ${request.actor.tenantId}`);
  return { bulk, tenant };
}

async function eachInteraction(
  ids: readonly string[],
  work: (id: string) => Promise<Omit<Outcome, 'interactionId' | 'status'>>,
): Promise<Outcome[]> {
  const results: Outcome[] = [];
  for (const interactionId of new Set(ids)) {
    try {
      results.push({ interactionId, status: 'done', ...(await work(interactionId)) });
    } catch (error) {
      if (!(error instanceof LetheError) || (error.code !== 'FORBIDDEN' && error.code !== 'NOT_FOUND')) throw error;
      results.push({ interactionId, status: error.code === 'FORBIDDEN' ? 'forbidden' : 'not-found' });
    }
  }
  return results;
}

/**
 * POST /v1/interactions/bulk-delete: deletes the chat logs and/or recordings of the selected
 * interactions, keeping their general info. A legal hold on any selected interaction the actor may
 * delete refuses the whole request (409 HELD naming the holds) before anything is deleted: a
 * selection is deleted entirely or not at all, never partly and silently.
 */
export async function bulkDelete(deps: AdminDeps, request: AdminRequest, body: unknown): Promise<BulkDeleted> {
  const { bulk, tenant } = await parseBulk(deps, request, body, 'delete');
  const deletable: string[] = [];
  await eachInteraction(bulk.interactionIds, async (id) => {
    for (const content of bulk.content)
      deletable.push((await grantedInteraction(deps, request, tenant, ACTIONS.delete[content], id)).located.item.pk);
    return {};
  });
  const results = await deleteUnlessHeld(deps, request.actor.tenantId, deletable, 'The selection', () =>
    eachInteraction(bulk.interactionIds, async (id) => {
      const outcome: Omit<Outcome, 'interactionId' | 'status'> = {};
      if (bulk.content.includes('transcript')) {
        await deleteTranscriptOf(deps, request, tenant, id);
        outcome.transcripts = 1;
      }
      if (bulk.content.includes('recording')) {
        await grantedInteraction(deps, request, tenant, 'recording.delete', id);
        const pointers = await recordingPointers(deps, interactionPartition(request.actor.tenantId, id), {
          expired: true,
        });
        for (const { item } of pointers) await deleteRecordingOf(deps, request, tenant, id, String(item.recordingId));
        outcome.recordings = pointers.length;
      }
      return outcome;
    }),
  );
  return { results };
}

/**
 * POST /v1/interactions/bulk-download: one zip with, per selected interaction, its chat log as
 * XML (`<id>/chat-log.xml`) and its recordings (`<id>/<recordingId>.mp3`), each download written
 * to the audit log under its interaction; the zip is fetched from the exports bucket through a
 * presigned URL valid five minutes (the bucket's lifecycle removes it within days).
 */
export async function bulkDownload(deps: AdminDeps, request: AdminRequest, body: unknown): Promise<BulkDownload> {
  const { bulk, tenant } = await parseBulk(deps, request, body, 'download');
  const { actor } = request;
  const zip = new (await loadJSZip())();
  let bytes = 0;
  const results = await eachInteraction(bulk.interactionIds, async (id) => {
    const outcome: Omit<Outcome, 'interactionId' | 'status'> = {};
    if (bulk.content.includes('transcript')) {
      const { granted } = await grantedInteraction(deps, request, tenant, 'transcript.download', id);
      const view = await getTranscript(deps, actor.tenantId, id, readerOf(actor));
      await recordAccess(deps, request, granted, 'transcript.download', {
        interactionId: id,
        details: { format: 'xml', messages: view.messages.length, bulk: true },
      });
      zip.file(`${id}/chat-log.xml`, await transcriptXml(view));
      outcome.transcripts = 1;
    }
    if (bulk.content.includes('recording')) {
      await grantedInteraction(deps, request, tenant, 'recording.download', id);
      let recordings = 0;
      for (const { item } of await recordingPointers(deps, interactionPartition(actor.tenantId, id))) {
        const found = await grantedRecording(
          deps,
          request,
          tenant,
          'recording.download',
          id,
          String(item.recordingId),
        ).catch((error: unknown) => {
          if (error instanceof LetheError && error.code === 'NOT_FOUND') return undefined; // upload never completed
          throw error;
        });
        const audio = found && (await recordingAudio(deps, actor.tenantId, found));
        if (!found || !audio) continue;
        bytes += audio.length;
        if (bytes > MAX_BULK_BYTES)
          throw payloadTooLarge(
            `The selected recordings exceed ${MAX_BULK_BYTES / 1024 / 1024} MB; select fewer interactions.`,
          );
        await recordAccess(deps, request, found.granted, 'recording.download', {
          interactionId: id,
          details: { recordingId: String(item.recordingId), bulk: true },
        });
        zip.file(`${id}/${recordingFileName(String(item.recordingId), String(item.mediaType))}`, audio);
        recordings++;
      }
      outcome.recordings = recordings;
    }
    return outcome;
  });
  const key = bulkDownloadKey(actor.tenantId, ulid(deps.clock.now().getTime()));
  // Registered against each interaction it holds, per what it holds of it: deleting that deletes the zip.
  for (const r of results) {
    const contains = [
      ...(r.transcripts ? (['transcript'] as const) : []),
      ...(r.recordings ? (['recording'] as const) : []),
    ];
    if (contains.length)
      await registerCopy(
        deps,
        actor.tenantId,
        [interactionPartition(actor.tenantId, r.interactionId)],
        newCopy(
          'bulk-download',
          { bucket: 'exports', region: deps.exports.region, objectKey: key, contains },
          deps.clock.now(),
        ),
      );
  }
  await deps.exports.put(key, await zip.generateAsync({ type: 'uint8array' }), { contentType: 'application/zip' });
  const url = await deps.exports.presignGet(key, PLAYBACK_LINK_SECONDS, { downloadName: 'lethe-archive.zip' });
  return { url, expiresAt: new Date(deps.clock.now().getTime() + PLAYBACK_LINK_SECONDS * 1000).toISOString(), results };
}
