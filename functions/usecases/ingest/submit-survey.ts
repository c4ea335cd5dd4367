import { ulid } from 'ulid';
import { contentRefusal } from '../../domain/ingest/consent';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { SurveyStored } from '../../domain/ingest/responses';
import { SurveySchema } from '../../domain/ingest/schemas';
import { surveyIncrements } from '../../domain/kpi/counters';
import { regionFor } from '../../domain/residency/region-for';
import { refusalsFor } from './consent-standing';
import { countKpis } from './count-kpis';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { locateTenantInteraction } from './interaction-info';
import { knownIdentifiersOf, subjectHmacsOf } from './participant';
import { recordMeta, recordTime, sealedItem } from '../records/record-items';
import { loadTenant } from './tenant-context';
import { restrictionMark } from '../subject-markers/restriction-markers';
import { heldWrites, isHeldItem } from '../records/held-expiry';
import { surveyKey } from '../records/survey-keys';

export const SURVEY_ROUTE = 'POST /v1/surveys';

/**
 * POST /v1/surveys. The score (0-10) is kept and counted in the score distribution of the
 * interaction's channel, queue and group; the comment is free text, so it is redacted with the
 * participant's identifiers and sealed, and dropped entirely when the subject's content may not
 * be stored.
 */
export async function submitSurvey(
  deps: IngestDeps,
  tenantId: string,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<SurveyStored>> {
  const input = parseIngestRequest(SurveySchema, request.body, 'The survey');
  const tenant = await loadTenant(deps, tenantId);
  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route: SURVEY_ROUTE,
    body: request.body,
  });
  if (replay) return replay as IngestResult<SurveyStored>;

  const located = await locateTenantInteraction(deps, tenant, input.interactionId);
  const { info } = located;
  const { withdrawn, objected } = await refusalsFor(deps, tenant, await subjectHmacsOf(deps, located));
  const refused = contentRefusal(tenant.policy.channels[info.channel], info.consent, withdrawn, objected);
  const comment =
    input.comment && !refused
      ? tenant.redactor.redact(input.comment, await knownIdentifiersOf(deps, located)).text
      : undefined;

  const now = deps.clock.now();
  const surveyId = ulid(now.getTime());
  const at = input.at ? new Date(input.at).toISOString() : now.toISOString();
  const region = regionFor(tenant.policy, 'survey', info.channel, info.phase);
  const key = surveyKey(located.item.pk, surveyId);
  const meta = recordMeta(
    tenant.policy,
    key,
    { tenantId, dataClass: 'survey', channel: info.channel, createdAt: recordTime(at, now) },
    now,
  );
  const item = await sealedItem(
    deps.vault,
    { region, tenantId, dataClass: 'survey', partitionId: info.interactionId },
    key,
    meta,
    { surveyId, interactionId: info.interactionId, score: input.score, at },
    { comment },
  );
  // A restricted (or held) interaction's new records are restricted (or held) too.
  const result = await commitOnce(
    deps.stores.storesFor(region).records,
    heldWrites(
      [{ kind: 'put', item: { ...item, ...restrictionMark(located.item) }, condition: { kind: 'absent' } }],
      isHeldItem(located.item),
    ),
    guard,
    {
      status: 201,
      body: { surveyId, interactionId: info.interactionId },
    },
  );
  if (!result.replayed) await countKpis(deps, tenant, surveyIncrements(info, input.score, tenant.policy.timeZone));
  return result;
}
