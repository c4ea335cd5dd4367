import { ulid } from 'ulid';
import { validationFailed } from '../../domain/errors';
import { assertNoticeAccepted, contentRefusal, interactionConsentOf } from '../../domain/ingest/consent';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { InteractionCreated } from '../../domain/ingest/responses';
import { StartInteractionSchema, type StartInteraction } from '../../domain/ingest/schemas';
import { interactionStartIncrements } from '../../domain/kpi/counters';
import type { TenantPolicy } from '../../domain/policy/schema';
import { regionFor } from '../../domain/residency/region-for';
import { listingWrites } from '../records/interaction-listing';
import type { WriteOperation } from '../../ports/record-store';
import { refusalsFor } from './consent-standing';
import { countKpis } from './count-kpis';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { infoKey } from '../../domain/record-keys';
import type { InfoAttributes } from './interaction-info';
import { subjectKeysAt } from './participant';
import { recordMeta, recordTime, sealedItem } from '../records/record-items';
import { namePrefixKeysFor, subjectIndexItems } from '../records/subject-index';
import { loadTenant } from './tenant-context';
import { refuseWhileErasing } from '../subject-markers/erasure-markers';
import { restrictionMark, restrictionOf } from '../subject-markers/restriction-markers';
import { heldWrites } from '../records/held-expiry';
import { subjectHeld } from '../subject-markers/held-subject-markers';

export const START_ROUTE = 'POST /v1/interactions';

/** Where a tenant defines agent groups, an interaction names one of them. */
function assertKnownGroup(policy: TenantPolicy, group: string | undefined): void {
  const groups = policy.access.groups.map((g) => g.id);
  if (group !== undefined && groups.length && !groups.includes(group))
    throw validationFailed([{ path: 'group', message: `must be one of the tenant's groups: ${groups.join(', ')}` }]);
}

const nonEmpty = <T extends object>(o: T): T | undefined => (Object.keys(o).length ? o : undefined);

/**
 * POST /v1/interactions. Stores the general info (participant and external id sealed, labels
 * redacted) and its subject-index entries (its name's word prefixes too) in one transaction, in the
 * region the policy assigns the channel's interactions (its in-flight region while a call runs),
 * then counts it.
 */
export async function startInteraction(
  deps: IngestDeps,
  tenantId: string,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<InteractionCreated>> {
  const input: StartInteraction = parseIngestRequest(StartInteractionSchema, request.body, 'The interaction');
  const tenant = await loadTenant(deps, tenantId);
  const { policy, redactor } = tenant;
  assertKnownGroup(policy, input.group);
  const channel = policy.channels[input.channel];
  assertNoticeAccepted(channel, input.consent);
  const keys = subjectKeysAt(tenant, input.participant, 'participant');

  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route: START_ROUTE,
    body: request.body,
  });
  if (replay) return replay as IngestResult<InteractionCreated>;

  const consent = interactionConsentOf(input.consent);
  const now = deps.clock.now();
  const interactionId = ulid(now.getTime());
  const phase = channel.inFlightRegion ? 'in-flight' : 'final';
  const region = regionFor(policy, 'interaction', input.channel, phase);
  const key = infoKey(tenantId, interactionId);
  const meta = recordMeta(
    policy,
    key,
    { tenantId, dataClass: 'interaction', channel: input.channel, createdAt: recordTime(input.startedAt, now) },
    now,
  );
  const label = (value: string | undefined) => (value === undefined ? undefined : redactor.redact(value).text);
  const attributes: Omit<InfoAttributes, 'expiresAt'> = {
    interactionId,
    channel: input.channel,
    queue: label(input.queue),
    agent: label(input.agent),
    group: label(input.group),
    startedAt: new Date(input.startedAt).toISOString(),
    consent,
    phase,
    messageCount: 0,
    ended: false,
  };
  // Before anything is sealed (sealing may create a data key): nothing new for a subject being erased.
  await refuseWhileErasing(
    deps.directory,
    tenantId,
    keys.map((k) => k.hmacHex),
    now,
  );
  // The consent lookup and the sealing (which may create the data key) do not depend on each other.
  const [refusals, sealed, restriction, held] = await Promise.all([
    refusalsFor(
      deps,
      tenant,
      keys.map((k) => k.hmacHex),
    ),
    sealedItem(
      deps.vault,
      { region, tenantId, dataClass: 'interaction', partitionId: interactionId },
      key,
      meta,
      attributes,
      {
        participant: nonEmpty(input.participant),
        externalId: input.externalId,
      },
    ),
    // A subject who restricted processing (GDPR Art. 18) has every new record restricted too.
    restrictionOf(
      deps.directory,
      tenantId,
      keys.map((k) => k.hmacHex),
    ),
    // A subject under a legal hold has every new record held from the start.
    subjectHeld(
      deps.directory,
      tenantId,
      keys.map((k) => k.hmacHex),
    ),
  ]);
  const contentRefused = contentRefusal(channel, consent, refusals.withdrawn, refusals.objected);
  const item = { ...(contentRefused ? { ...sealed, contentRefused } : sealed), ...restrictionMark(restriction) };
  const operations: WriteOperation[] = [
    { kind: 'put', item, condition: { kind: 'absent' } },
    ...subjectIndexItems(
      key.pk,
      [...keys, ...namePrefixKeysFor('interaction', input.participant.name, tenant.subjectSecret)],
      meta,
    ).map((entry): WriteOperation => ({ kind: 'put', item: entry })),
    // The archive's time index (admin search by time, queue, agent, group, channel).
    ...(await listingWrites(deps, tenantId, policy, region, attributes)),
  ];
  const result = await commitOnce(deps.stores.storesFor(region).records, heldWrites(operations, held), guard, {
    status: 201,
    body: { interactionId },
  });
  if (!result.replayed) await countKpis(deps, tenant, interactionStartIncrements(attributes, policy.timeZone));
  return result;
}
