import { conflict, validationFailed } from '../../domain/errors';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { InteractionEnded } from '../../domain/ingest/responses';
import { EndInteractionSchema } from '../../domain/ingest/schemas';
import { interactionEndIncrements } from '../../domain/kpi/counters';
import type { DataClass } from '../../domain/data-class';
import { regionFor } from '../../domain/residency/region-for';
import { infoKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import { MAX_TRANSACTION_OPERATIONS, type StoredItem, type WriteOperation } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import { countKpis } from './count-kpis';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { interactionIdOf } from './interaction-id';
import { locateTenantInteraction, type LocatedInteraction } from './interaction-info';
import { allPages } from '../records/pages';
import { loadTenant, type TenantContext } from './tenant-context';
import { isSubjectIndexEntry } from '../records/subject-index';

/**
 * POST /v1/interactions/{id}/end. Records the end, wait and talk seconds and counts them. A call
 * whose channel has an in-flight region (iAdvize: US during the call) is moved to its final
 * region (EU) here: its data key is re-wrapped for the destination and every item of its partition
 * copied, the general info last (with its index entries, in one transaction), then the
 * in-flight copies are deleted and the in-flight data key destroyed, so nothing is left behind.
 * Each step is safe to repeat: a retry after a crash finishes the move.
 */
export async function endInteraction(
  deps: IngestDeps,
  tenantId: string,
  rawId: string | undefined,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<InteractionEnded>> {
  const interactionId = interactionIdOf(rawId);
  const input = parseIngestRequest(EndInteractionSchema, request.body, 'The end of the interaction');
  const tenant = await loadTenant(deps, tenantId);
  const route = `POST /v1/interactions/${interactionId}/end`;
  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route,
    body: request.body,
  });
  if (replay) return replay as IngestResult<InteractionEnded>;

  const located = await locateTenantInteraction(deps, tenant, interactionId);
  const { info } = located;
  const end = {
    endedAt: new Date(input.endedAt).toISOString(),
    waitSeconds: input.waitSeconds,
    talkSeconds: input.talkSeconds,
  };
  const answer = (region: string) => ({ status: 200, body: { interactionId, endedAt: end.endedAt, region } });

  if (info.endedAt !== undefined) {
    const same =
      info.endedAt === end.endedAt && info.waitSeconds === end.waitSeconds && info.talkSeconds === end.talkSeconds;
    if (!same) throw conflict(`Interaction ${interactionId} already ended at ${info.endedAt}.`);
    await removeStrays(deps, tenant, located);
    return { ...answer(located.region), replayed: true };
  }
  if (end.endedAt < info.startedAt)
    throw validationFailed([{ path: 'endedAt', message: 'must not be before the interaction started' }]);

  const finalRegion = regionFor(tenant.policy, 'interaction', info.channel, 'final');
  const ended = { ...end, phase: 'final', ended: true };
  let result: IngestResult<InteractionEnded>;
  try {
    result =
      info.phase === 'in-flight'
        ? await moveToFinal(deps, tenant, located, ended, guard, answer(finalRegion))
        : await commitOnce(
            deps.stores.storesFor(located.region).records,
            [
              {
                kind: 'update',
                key: infoKey(tenantId, interactionId),
                changes: { set: ended },
                condition: { kind: 'matches', attributes: { ended: false } },
              },
            ],
            guard,
            answer(located.region),
          );
  } catch (error) {
    if (!(error instanceof WriteConflict && error.index === 0)) throw error;
    // Another /end got there first: answer as a retry of it would be answered.
    const winner = await locateTenantInteraction(deps, tenant, interactionId);
    if (winner.info.endedAt === undefined) throw error;
    return endInteraction(deps, tenantId, interactionId, { body: request.body });
  }
  if (!result.replayed) await countKpis(deps, tenant, interactionEndIncrements(info, end, tenant.policy.timeZone));
  return result;
}

/** Where an item of the partition belongs once the call is over. */
const finalRegionOf = (tenant: TenantContext, located: LocatedInteraction, item: StoredItem) =>
  regionFor(tenant.policy, item.class as DataClass, located.info.channel, 'final');

async function moveToFinal(
  deps: IngestDeps,
  tenant: TenantContext,
  located: LocatedInteraction,
  ended: Record<string, unknown>,
  guard: IdempotencyGuard | undefined,
  result: { status: number; body: InteractionEnded },
): Promise<IngestResult<InteractionEnded>> {
  const { tenantId } = tenant;
  const { interactionId } = located.info;
  const source = deps.stores.storesFor(located.region).records;
  const items = await allPages((cursor) => source.queryPartition(located.item.pk, { cursor, consistent: true }));
  const infoRegion = finalRegionOf(tenant, located, located.item);
  const moving = items.filter((item) => finalRegionOf(tenant, located, item) !== located.region);
  const resealed = await Promise.all(
    moving.map((item) =>
      reseal(deps, tenantId, interactionId, located.region, finalRegionOf(tenant, located, item), item),
    ),
  );

  // Content first, general info last: once the final general info exists, everything is there.
  const withInfo = (r: { region: string; item: StoredItem }) =>
    r.region === infoRegion && (r.item.sk === ROOT_SORT_KEY.interaction || isSubjectIndexEntry(r.item));
  for (const { region, item } of resealed.filter((r) => !withInfo(r)))
    await deps.stores.storesFor(region).records.put(item);
  const infoOps: WriteOperation[] = resealed
    .filter(withInfo)
    .map(({ item }) =>
      item.sk === ROOT_SORT_KEY.interaction
        ? { kind: 'put', item: { ...item, ...ended }, condition: { kind: 'absent' } }
        : { kind: 'put', item },
    );
  if (infoRegion === located.region)
    infoOps.push({
      kind: 'update',
      key: infoKey(tenantId, interactionId),
      changes: { set: ended },
      condition: { kind: 'matches', attributes: { ended: false } },
    });
  if (infoOps.length + 1 > MAX_TRANSACTION_OPERATIONS)
    throw new RangeError('an interaction has more index entries than a transaction takes');
  const committed = await commitOnce(deps.stores.storesFor(infoRegion).records, infoOps, guard, result);

  await source.deleteItems(moving);
  await shredIfEmpty(deps, tenantId, interactionId, located.region, located.item.pk);
  return committed;
}

async function reseal(
  deps: IngestDeps,
  tenantId: string,
  partitionId: string,
  from: string,
  to: string,
  item: StoredItem,
) {
  if (typeof item.sealed !== 'string') return { region: to, item };
  // The data key is re-wrapped for `to`, so the sealed value copies as it is, unless `to` already had another key.
  if (await deps.vault.carryKey(from, to, tenantId, partitionId)) return { region: to, item };
  const dataClass = item.class as DataClass;
  const plaintext = await deps.vault.open({ region: from, tenantId, dataClass, partitionId }, item.sealed);
  const sealed = await deps.vault.seal({ region: to, tenantId, dataClass, partitionId }, plaintext);
  return { region: to, item: { ...item, sealed } };
}

/** Finishes a move cut short: copies in regions where they no longer belong are deleted. */
async function removeStrays(deps: IngestDeps, tenant: TenantContext, located: LocatedInteraction): Promise<void> {
  for (const region of located.strays) {
    const records = deps.stores.storesFor(region).records;
    const items = await allPages((cursor) => records.queryPartition(located.item.pk, { cursor, consistent: true }));
    await records.deleteItems(items.filter((item) => finalRegionOf(tenant, located, item) !== region));
    await shredIfEmpty(deps, tenant.tenantId, located.info.interactionId, region, located.item.pk);
  }
}

/** Once a region holds nothing of the partition, its data key there goes too (what is left there, backups included, no longer opens with a key of that region). */
async function shredIfEmpty(
  deps: IngestDeps,
  tenantId: string,
  interactionId: string,
  region: string,
  pk: string,
): Promise<void> {
  const left = await deps.stores.storesFor(region).records.queryPartition(pk, { limit: 1, consistent: true });
  if (!left.items.length) await deps.vault.shred(region, tenantId, interactionId, { partition: pk });
}
