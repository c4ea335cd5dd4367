import * as z from 'zod';
import { effectiveRole, readerOf } from '../../domain/access/authorize';
import { mayProcess } from '../../domain/subject-requests/restriction';
import { openedFields } from '../records/record-items';
import { tenantAccess, type AdminRequest } from './admin-request';
import { grantedInteraction } from './archived-interaction';
import { recordAccess, recordSupportRead } from './audit-trail';
import type { AdminDeps } from './deps';
import { partitionItems } from './interaction-detail';
import { SURVEY_PREFIX } from '../records/survey-keys';

export const InteractionSurveysSchema = z
  .object({
    interactionId: z.string(),
    surveys: z
      .array(
        z.object({
          surveyId: z.string(),
          score: z.number().int().describe('0–10'),
          at: z.string(),
          comment: z.string().optional().describe('redacted at ingest; absent when none was kept'),
          commentWithheld: z
            .boolean()
            .optional()
            .describe('true: processing is restricted (GDPR Art. 18), the comment is for the legal role only'),
        }),
      )
      .describe('oldest first'),
  })
  .meta({ id: 'InteractionSurveys' });
export type InteractionSurveys = z.infer<typeof InteractionSurveysSchema>;

/**
 * GET /v1/interactions/{id}/surveys: the surveys answered about an interaction (Puzzel: score 0–10
 * and a comment), for whoever may view it, while retained. The score is a clear fact; the comment
 * is content: opened only when the interaction's processing is not restricted (legal excepted),
 * and every read that opens one is audited.
 */
export async function interactionSurveys(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<InteractionSurveys> {
  const tenant = await tenantAccess(deps, request.actor);
  const { interactionId, located, granted } = await grantedInteraction(
    deps,
    request,
    tenant,
    'interaction.view',
    rawId,
  );
  const role = effectiveRole(request.actor);
  const found = await partitionItems(deps, located.item.pk, SURVEY_PREFIX, { reader: readerOf(request.actor) });
  const surveys = await Promise.all(
    found.map(async ({ region, item }) => {
      const open = mayProcess(located.item, role) && mayProcess(item, role);
      const comment = open ? (await openedFields(deps.vault, region, interactionId, item)).comment : undefined;
      return {
        surveyId: String(item.surveyId),
        score: Number(item.score),
        at: String(item.at),
        ...(typeof comment === 'string' ? { comment } : {}),
        ...(open ? {} : { commentWithheld: true }),
      };
    }),
  );
  surveys.sort((a, b) => a.at.localeCompare(b.at) || a.surveyId.localeCompare(b.surveyId));
  const comments = surveys.filter((s) => s.comment !== undefined).length;
  const what = { interactionId, details: { surveys: surveys.length, comments } };
  if (comments) await recordAccess(deps, request, granted, 'interaction.view', what);
  else await recordSupportRead(deps, request, granted, 'interaction.view', what, located.heldPastExpiry);
  return { interactionId, surveys };
}
