import type { TenantPolicy } from '../../domain/policy/schema';
import { regionFor } from '../../domain/residency/region-for';
import type { SubjectRequestJob } from '../../domain/subject-requests/job';
import { partitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { WriteOperation } from '../../ports/record-store';
import { recordMeta } from '../records/record-items';
import { subjectIndexItems } from '../records/subject-index';
import { markStanding } from '../ingest/standing-markers';
import type { SubjectRequestDeps } from './deps';
import { restrictionMark, restrictionOf } from '../subject-markers/restriction-markers';
import { heldWrites } from '../records/held-expiry';
import { subjectHeld } from '../subject-markers/held-subject-markers';

/** Where an objection's proof lives: the consent partition named after its request. */
export const objectionKey = (job: Pick<SubjectRequestJob, 'tenantId' | 'requestId'>) => ({
  pk: partitionKey(job.tenantId, 'consent', job.requestId),
  sk: ROOT_SORT_KEY.consent,
});

/**
 * The action of an `object` request (GDPR Art. 21, unsubscribe): a consent proof that says the
 * subject objected to the purpose, as of the request's inventory, indexed under the subject's keyed
 * hashes like every proof (no identifier, sealed or clear), and the subject's standing markers.
 * From then on ingest refuses that purpose for the subject. Repeating it changes nothing.
 */
export async function recordObjection(
  deps: SubjectRequestDeps,
  policy: TenantPolicy,
  job: SubjectRequestJob,
): Promise<void> {
  const keys = job.subjectKeys ?? [];
  const purpose = String(job.options.purpose);
  const at = job.inventory?.at ?? job.requestedAt;
  const key = objectionKey(job);
  const meta = recordMeta(
    policy,
    key,
    { tenantId: job.tenantId, dataClass: 'consent', createdAt: new Date(at) },
    deps.clock.now(),
  );
  const hmacs = keys.map((k) => k.hmacHex);
  const [restriction, held] = await Promise.all([
    restrictionOf(deps.directory, job.tenantId, hmacs),
    subjectHeld(deps.directory, job.tenantId, hmacs),
  ]);
  const proof = {
    ...key,
    ...meta,
    consentId: job.requestId,
    requestId: job.requestId,
    purpose,
    granted: false,
    objection: true,
    at,
    ...restrictionMark(restriction),
  };
  const operations: WriteOperation[] = [
    { kind: 'put', item: proof },
    ...subjectIndexItems(key.pk, keys, meta).map((entry): WriteOperation => ({ kind: 'put', item: entry })),
  ];
  const region = regionFor(policy, 'consent');
  await deps.stores.storesFor(region).records.transactWrite(heldWrites(operations, held));
  await markStanding(
    deps.directory,
    job.tenantId,
    keys.map((k) => k.hmacHex),
    { purpose, granted: false, objection: true, at, requestId: job.requestId, proof: { region, pk: key.pk } },
  );
}
