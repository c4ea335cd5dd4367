import * as z from 'zod';
import { standingAt } from '../../domain/ingest/consent';
import { assertObjectable } from '../../domain/ingest/objection';
import type { ConsentStandingAnswer } from '../../domain/ingest/responses';
import { SubjectIdentifiersSchema } from '../../domain/subject-requests/request';
import { parseOrThrow } from '../../domain/validation';
import type { IngestDeps, IngestResult } from './deps';
import { subjectKeysAt } from './participant';
import { standingOf } from './standing-reader';
import { loadTenant } from './tenant-context';

const PurposeSchema = z.object({ purpose: z.string().trim().min(1, 'is required: the purpose to ask about').max(100) });

/**
 * GET /v1/consents/standing?purpose=P&phone=…|email=…: may a channel pursue purpose P for this
 * person now? One keyed read per identifier (the subject's standing markers), whatever their
 * history. The answer names the deciding proof, never the identifier.
 */
export async function consentStanding(
  deps: IngestDeps,
  tenantId: string,
  query: Record<string, string | undefined>,
): Promise<IngestResult<ConsentStandingAnswer>> {
  const { purpose: rawPurpose, ...identifiers } = query;
  const { purpose } = parseOrThrow(PurposeSchema, { purpose: rawPurpose }, 'The query');
  const subject = parseOrThrow(SubjectIdentifiersSchema, identifiers, 'The query');
  const tenant = await loadTenant(deps, tenantId);
  if (purpose !== 'gdpr') assertObjectable(tenant.policy, purpose, 'purpose');
  const keys = subjectKeysAt(tenant, subject, 'query');
  const entries = await standingOf(
    deps,
    tenantId,
    keys.map((k) => k.hmacHex),
    [purpose, 'gdpr'],
  );
  return {
    status: 200,
    body: { purpose, ...standingAt(entries, purpose, deps.clock.now().toISOString()) },
    replayed: false,
  };
}
