import { effectiveRole, readerOf } from '../../domain/access/authorize';
import type { TenantPolicy } from '../../domain/policy/schema';
import { classTimeline, type ClassExpiry } from '../../domain/retention/class-timeline';
import { mayProcess } from '../../domain/subject-requests/restriction';
import { isVisibleAt, ORDINARY_READER, type Reader } from '../../domain/retention/visibility';
import type { StoredItem } from '../../ports/record-store';
import { holdsOnPartitions } from '../holds/hold-guard';
import { allPages } from '../records/pages';
import { recordingStatusOf } from '../recordings/recording-pointer';
import type { LocatedInteraction } from '../ingest/interaction-info';
import { getInteraction } from '../readback/get-interaction';
import { tenantAccess, type AdminRequest } from './admin-request';
import { grantedInteraction, interactionScopeOf } from './archived-interaction';
import { recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';
import type { InteractionContent, InteractionDetail } from './responses';
import { RECORDING_POINTER_PREFIX } from '../records/recording-pointer-keys';

/**
 * GET /v1/interactions/{id}: the general info (the ingestion read-back), for whoever may view the
 * interaction, with the legal holds that keep it, whether it is restricted, and its retention
 * timeline (when each class expires and what the policy in force does then). It stays visible
 * while the interaction is retained, whatever happened to its content (Puzzel); past that only
 * while a hold keeps it, to the legal role and admins, each such read audited.
 */
export async function viewInteraction(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<InteractionDetail> {
  const tenant = await tenantAccess(deps, request.actor);
  const { interactionId, located, granted } = await grantedInteraction(
    deps,
    request,
    tenant,
    'interaction.view',
    rawId,
  );
  const reader = readerOf(request.actor);
  const view = await getInteraction(deps, request.actor.tenantId, interactionId, reader);
  const holds = (await holdsOnPartitions(deps, request.actor.tenantId, [located.item])).get(located.item.pk) ?? [];
  const facts = {
    holds,
    restricted: interactionScopeOf(located.item).restricted === true,
    retention: (await retentionOf(deps, located, tenant.policy, reader)).retention,
  };
  await recordSupportRead(deps, request, granted, 'interaction.view', { interactionId }, located.heldPastExpiry);
  // Restricted (GDPR Art. 18): the general info stays visible, its personal fields only to legal.
  if (mayProcess(located.item, effectiveRole(request.actor))) return { ...view, ...facts };
  const { participant: _participant, externalId: _externalId, ...withoutPersonal } = view;
  return { ...withoutPersonal, ...facts };
}

/**
 * The retention timeline of a located interaction under the policy in force (`classTimeline`),
 * from the records of its partition in every region that `reader` may see: its page and its
 * search hit both show this one. The items read come along, for a caller with more to tell of them.
 */
export async function retentionOf(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  located: Pick<LocatedInteraction, 'item' | 'info'>,
  policy: TenantPolicy,
  reader: Reader,
): Promise<{ retention: ClassExpiry[]; items: StoredItem[] }> {
  const items = (await partitionItems(deps, located.item.pk, '', { reader })).map(({ item }) => item);
  return { retention: classTimeline(items, policy, located.info.channel), items };
}

/**
 * Items of an interaction's partition whose sort key starts with `prefix`, in every region (the
 * policy's regions may have changed since they were written): only the live ones, or with
 * `expired: true` also those already hidden but not yet swept (what a deletion must remove too);
 * `reader` sees what a legal hold keeps past its expiry when it may.
 */
export async function partitionItems(
  deps: Pick<AdminDeps, 'stores' | 'clock'>,
  pk: string,
  prefix: string,
  options: { expired?: boolean; reader?: Reader } = {},
): Promise<Array<{ region: string; item: StoredItem }>> {
  const now = deps.clock.now();
  const perRegion = await Promise.all(
    deps.stores.regions.map(async (region) => {
      const items = await allPages((cursor) =>
        deps.stores.storesFor(region).records.queryPartition(pk, { skPrefix: prefix, cursor, consistent: true }),
      );
      return items
        .filter((item) => options.expired || isVisibleAt(item, now, options.reader ?? ORDINARY_READER))
        .map((item) => ({ region, item }));
    }),
  );
  return perRegion.flat();
}

/**
 * GET /v1/interactions/{id}/content: what content is left (chat-log lines, recordings), without
 * opening any of it, so the console can offer view, play, download and delete.
 */
export async function interactionContent(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<InteractionContent> {
  const tenant = await tenantAccess(deps, request.actor);
  const { interactionId, located, granted } = await grantedInteraction(
    deps,
    request,
    tenant,
    'interaction.view',
    rawId,
  );
  const reader = readerOf(request.actor);
  const [lines, recordings] = await Promise.all([
    partitionItems(deps, located.item.pk, 'MSG#', { reader }),
    partitionItems(deps, located.item.pk, RECORDING_POINTER_PREFIX, { reader }),
  ]);
  await recordSupportRead(
    deps,
    request,
    granted,
    'interaction.view',
    { interactionId, details: { content: true } },
    located.heldPastExpiry,
  );
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
