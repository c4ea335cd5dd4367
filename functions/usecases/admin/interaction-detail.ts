import { effectiveRole } from '../../domain/access/authorize';
import type { InteractionView } from '../../domain/ingest/responses';
import { mayProcess } from '../../domain/subject-requests/restriction';
import { isVisibleAt } from '../../domain/sweep/visibility';
import type { StoredItem } from '../../ports/record-store';
import { allPages } from '../ingest/pages';
import { recordingStatusOf } from '../recordings/recording-pointer';
import { getInteraction } from '../readback/get-interaction';
import { tenantAccess, type AdminRequest } from './admin-request';
import { grantedInteraction, interactionScopeOf } from './archived-interaction';
import { recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';
import type { InteractionContent } from './responses';

/**
 * GET /v1/interactions/{id}: the general info (the ingestion read-back), for whoever may view the
 * interaction. It stays visible while the interaction is retained, whatever happened to its
 * content (Puzzel).
 */
export async function viewInteraction(deps: AdminDeps, request: AdminRequest, rawId: string | undefined): Promise<InteractionView> {
  const tenant = await tenantAccess(deps, request.actor);
  const { interactionId, located, granted } = await grantedInteraction(deps, request, tenant, 'interaction.view', rawId);
  const view = await getInteraction(deps, request.actor.tenantId, interactionId);
  await recordSupportRead(deps, request, granted, 'interaction.view', { interactionId });
  // Restricted (GDPR Art. 18): the general info stays visible, its personal fields only to legal.
  if (mayProcess(located.item, effectiveRole(request.actor))) return view;
  const { participant: _participant, externalId: _externalId, ...withoutPersonal } = view;
  return withoutPersonal;
}

/**
 * Items of an interaction's partition whose sort key starts with `prefix`, in every region (the
 * policy's regions may have changed since they were written): only the live ones, or with
 * `expired: true` also those already hidden but not yet swept (what a deletion must remove too).
 */
export async function partitionItems(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  pk: string,
  prefix: string,
  options: { expired?: boolean } = {},
): Promise<Array<{ region: string; item: StoredItem }>> {
  const now = deps.clock.now();
  const perRegion = await Promise.all(
    deps.stores.regions.map(async (region) => {
      const items = await allPages((cursor) => deps.stores.storesFor(region).records.queryPartition(pk, { skPrefix: prefix, cursor, consistent: true }));
      return items.filter((item) => options.expired || isVisibleAt(item, now)).map((item) => ({ region, item }));
    }),
  );
  return perRegion.flat();
}

/**
 * GET /v1/interactions/{id}/content: what content is left (chat-log lines, recordings), without
 * opening any of it, so the console can offer view, play, download and delete.
 */
export async function interactionContent(deps: AdminDeps, request: AdminRequest, rawId: string | undefined): Promise<InteractionContent> {
  const tenant = await tenantAccess(deps, request.actor);
  const { interactionId, located, granted } = await grantedInteraction(deps, request, tenant, 'interaction.view', rawId);
  const [lines, recordings] = await Promise.all([partitionItems(deps, located.item.pk, 'MSG#'), partitionItems(deps, located.item.pk, 'REC#')]);
  await recordSupportRead(deps, request, granted, 'interaction.view', { interactionId, details: { content: true } });
  const deletedAt = located.item.transcriptDeletedAt;
  return {
    interactionId,
    transcript: { messages: lines.length, ...(typeof deletedAt === 'string' ? { deletedAt } : {}) },
    recordings: recordings.map(({ item }) => ({
      recordingId: String(item.recordingId),
      mediaType: String(item.mediaType),
      at: String(item.at),
      status: recordingStatusOf(item),
      ...(typeof item.durationSeconds === 'number' ? { durationSeconds: item.durationSeconds } : {}),
    })),
    restricted: interactionScopeOf(located.item).restricted === true,
  };
}
