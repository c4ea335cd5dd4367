import { typedQuery } from '../../domain/typed-query';
import * as z from 'zod';
import { requireAccess } from '../../domain/access/require-access';
import { SubjectIdentifiersSchema } from '../../domain/subject-requests/request';
import { parseOrThrow } from '../../domain/validation';
import type { StoredItem } from '../../ports/record-store';
import { consentProofsOf } from '../ingest/consent-history';
import { subjectHmacsOf, subjectKeysAt } from '../ingest/participant';
import { loadTenant } from '../ingest/tenant-context';
import { tenantAccess, type AdminRequest } from './admin-request';
import { grantedInteraction } from './archived-interaction';
import type { AdminDeps } from './deps';

/** A consent proof as staff read it: what was given, withdrawn or objected to, when and where; never who. */
export const ConsentRecordSchema = z
  .object({
    consentId: z.string(),
    purpose: z.string(),
    granted: z.boolean(),
    objection: z.boolean().describe('true: an objection (GDPR Art. 21) filed as an `object` subject request'),
    at: z.string(),
    noticeVersion: z.string().optional(),
    channel: z.string().optional(),
    requestId: z.string().optional().describe('the objection request'),
    region: z.string(),
  })
  .meta({ id: 'ConsentRecord' });
export type ConsentRecord = z.infer<typeof ConsentRecordSchema>;

export const SubjectConsentsSchema = z
  .object({ consents: z.array(ConsentRecordSchema) })
  .meta({ id: 'SubjectConsents' });

export const InteractionConsentsSchema = z
  .object({
    interactionId: z.string(),
    reported: z
      .object({ content: z.string(), recording: z.string(), noticeVersion: z.string().optional() })
      .describe('what the channel reported when the interaction started'),
    consents: z.array(ConsentRecordSchema).describe('the proofs filed for its participant'),
  })
  .meta({ id: 'InteractionConsents' });

const optional = (v: unknown) => (typeof v === 'string' ? v : undefined);

function recordOf({ region, item }: { region: string; item: StoredItem }): ConsentRecord {
  const fields = {
    noticeVersion: optional(item.noticeVersion),
    channel: optional(item.channel),
    requestId: optional(item.requestId),
  };
  return {
    consentId: String(item.consentId),
    purpose: String(item.purpose),
    granted: item.granted === true,
    objection: item.objection === true,
    at: String(item.at),
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    region,
  };
}

const inOrder = (records: ConsentRecord[]) =>
  records.sort((a, b) => a.at.localeCompare(b.at) || a.consentId.localeCompare(b.consentId));

/** GET /v1/consents?phone=…|email=…: every consent proof and objection of one person (iAdvize: "provided on request"). */
export async function listSubjectConsents(
  deps: AdminDeps,
  request: AdminRequest,
  query: Record<string, string | undefined>,
): Promise<z.infer<typeof SubjectConsentsSchema>> {
  const access = await tenantAccess(deps, request.actor);
  requireAccess(request.actor, 'consent.view', { tenant: access.scope }, 'Consents');
  const identifiers = parseOrThrow(SubjectIdentifiersSchema, typedQuery(query), 'The query');
  const tenant = await loadTenant(deps, request.actor.tenantId);
  const keys = subjectKeysAt(tenant, identifiers, 'query');
  const proofs = await consentProofsOf(
    deps,
    tenant.tenantId,
    keys.map((k) => k.hmacHex),
  );
  return { consents: inOrder(proofs.map(recordOf)) };
}

/** GET /v1/interactions/{id}/consents: the consent the channel reported, and the proofs filed for the interaction's participant. */
export async function listInteractionConsents(
  deps: AdminDeps,
  request: AdminRequest,
  rawId: string | undefined,
): Promise<z.infer<typeof InteractionConsentsSchema>> {
  const access = await tenantAccess(deps, request.actor);
  const { interactionId, located } = await grantedInteraction(deps, request, access, 'consent.view', rawId);
  const proofs = await consentProofsOf(deps, request.actor.tenantId, await subjectHmacsOf(deps, located));
  return { interactionId, reported: located.info.consent, consents: inOrder(proofs.map(recordOf)) };
}
