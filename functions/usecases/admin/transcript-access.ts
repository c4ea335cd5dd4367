import { chatLogXml } from '../../domain/export/chat-log-xml';
import type { TranscriptView } from '../../domain/ingest/responses';
import { readerOf } from '../../domain/access/authorize';
import { deleteUnlessHeld } from '../holds/hold-guard';
import { deleteUnderPrefix } from '../records/content-objects';
import { infoKey } from '../../domain/record-keys';
import { getTranscript } from '../readback/get-transcript';
import { tenantAccess, type AdminRequest, type TenantAccess } from './admin-request';
import { grantedInteraction } from './archived-interaction';
import { recordAccess } from './audit-trail';
import type { AdminDeps } from './deps';
import { partitionItems } from './interaction-detail';
import type { ContentDeleted } from './responses';
import { deleteCopiesOfPartition } from '../copies/copy-registry';

export type TranscriptFormat = 'json' | 'xml';

/** The chat log of an interaction as Puzzel downloads it: an XML document. */
export const transcriptXml = (view: TranscriptView): Promise<string> =>
  chatLogXml(
    view.interactionId,
    view.messages.map((m) => ({ interactionId: view.interactionId, seq: m.seq, from: m.from, at: m.at, text: m.text })),
  );

/**
 * GET /v1/interactions/{id}/transcript: viewing (JSON) or downloading (XML) a chat log, each
 * written to the audit log before the content is handed out (no entry, no content).
 */
export async function readTranscript(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
  format: TranscriptFormat,
): Promise<{ view: TranscriptView; xml?: string }> {
  const tenant = await tenantAccess(deps, request.actor);
  const action = format === 'xml' ? 'transcript.download' : 'transcript.view';
  const { interactionId, granted } = await grantedInteraction(deps, request, tenant, action, rawId);
  const view = await getTranscript(deps, request.actor.tenantId, interactionId, readerOf(request.actor));
  await recordAccess(deps, request, granted, action, {
    interactionId,
    details: { format, messages: view.messages.length },
  });
  return format === 'xml' ? { view, xml: await transcriptXml(view) } : { view };
}

/**
 * Deletes an interaction's chat log, every line in every region and any transcript object with
 * all its versions, and keeps the general info, marked with when its chat log was deleted
 * (Puzzel: delete content, keep general info). HELD, deleting nothing, while a legal hold keeps the interaction.
 */
export async function deleteTranscriptOf(
  deps: AdminDeps,
  request: AdminRequest,
  tenant: TenantAccess,
  rawId: string | undefined,
): Promise<ContentDeleted> {
  const { actor } = request;
  const { interactionId, located, granted } = await grantedInteraction(
    deps,
    request,
    tenant,
    'transcript.delete',
    rawId,
  );
  const { lines, deleted } = await deleteUnlessHeld(
    deps,
    actor.tenantId,
    [located.item.pk],
    `Interaction ${interactionId}`,
    async () => {
      const lines = await partitionItems(deps, located.item.pk, 'MSG#', { expired: true });
      let deleted = 0;
      for (const region of deps.stores.regions) {
        const stores = deps.stores.storesFor(region);
        deleted += await stores.records.deleteItems(
          lines.filter((l) => l.region === region).map(({ item }) => ({ pk: item.pk, sk: item.sk })),
        );
        deleted += await deleteUnderPrefix(stores.content, `transcript/${actor.tenantId}/${interactionId}/`);
      }
      await deleteCopiesOfPartition(deps, located.item.pk, 'transcript');
      const deletedAt = deps.clock.now().toISOString();
      await deps.stores
        .storesFor(located.region)
        .records.update(
          infoKey(actor.tenantId, interactionId),
          { set: { transcriptDeletedAt: deletedAt } },
          { kind: 'present' },
        );
      return { lines, deleted };
    },
  );
  await recordAccess(deps, request, granted, 'transcript.delete', {
    interactionId,
    details: { messages: lines.length },
  });
  return { interactionId, deleted };
}

/** DELETE /v1/interactions/{id}/transcript. */
export async function deleteTranscript(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<ContentDeleted> {
  return deleteTranscriptOf(deps, request, await tenantAccess(deps, request.actor), rawId);
}
