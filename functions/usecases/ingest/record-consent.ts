import { ulid } from 'ulid';
import { parseIngestRequest } from '../../domain/ingest/parse-request';
import type { ConsentStored } from '../../domain/ingest/responses';
import { ConsentSchema } from '../../domain/ingest/schemas';
import { regionFor } from '../../domain/residency/region-for';
import { partitionKey, ROOT_SORT_KEY } from '../../domain/record-keys';
import type { WriteOperation } from '../../ports/record-store';
import type { IngestDeps, IngestResult } from './deps';
import { commitOnce, IdempotencyGuard } from './idempotency';
import { subjectKeysAt } from './participant';
import { recordMeta, recordTime, sealedItem } from '../records/record-items';
import { subjectIndexItems } from '../records/subject-index';
import { markStanding } from './standing-markers';
import { loadTenant } from './tenant-context';
import { refuseWhileErasing } from '../subject-markers/erasure-markers';
import { restrictionMark, restrictionOf } from '../subject-markers/restriction-markers';
import { heldWrites } from '../records/held-expiry';
import { subjectHeld } from '../subject-markers/held-subject-markers';

export const CONSENT_ROUTE = 'POST /v1/consents';

/**
 * POST /v1/consents. Keeps the proof (GDPR Art. 7(1): the controller must be able to show
 * consent): purpose, notice version, channel, time and whether it was given or withdrawn in
 * clear; the subject's identifiers sealed and indexed by keyed hash, in the same transaction.
 * The subject's standing markers record it too: ingest and `GET /v1/consents/standing` read those
 * (one keyed read per identifier), so a withdrawal stops content storage from this moment on.
 */
export async function recordConsent(
  deps: IngestDeps,
  tenantId: string,
  request: { body: unknown; idempotencyKey?: string },
): Promise<IngestResult<ConsentStored>> {
  const input = parseIngestRequest(ConsentSchema, request.body, 'The consent');
  const tenant = await loadTenant(deps, tenantId);
  const keys = subjectKeysAt(tenant, input.subject, 'subject');
  const { replay, guard } = await IdempotencyGuard.begin(deps, tenant, {
    key: request.idempotencyKey,
    route: CONSENT_ROUTE,
    body: request.body,
  });
  const at = new Date(input.at).toISOString();
  const { purpose, granted, noticeVersion, channel } = input;
  const region = regionFor(tenant.policy, 'consent', input.channel);
  const mark = (consentId: string) =>
    markStanding(
      deps.directory,
      tenantId,
      keys.map((k) => k.hmacHex),
      { purpose, granted, at, noticeVersion, proof: { region, pk: partitionKey(tenantId, 'consent', consentId) } },
    );
  // A retry marks what the first attempt may not have.
  if (replay) {
    await mark((replay.body as ConsentStored).consentId);
    return replay as IngestResult<ConsentStored>;
  }

  const now = deps.clock.now();
  const consentId = ulid(now.getTime());
  const key = { pk: partitionKey(tenantId, 'consent', consentId), sk: ROOT_SORT_KEY.consent };
  const meta = recordMeta(
    tenant.policy,
    key,
    { tenantId, dataClass: 'consent', channel: input.channel, createdAt: recordTime(at, now) },
    now,
  );
  await refuseWhileErasing(
    deps.directory,
    tenantId,
    keys.map((k) => k.hmacHex),
    now,
  );
  const item = await sealedItem(
    deps.vault,
    { region, tenantId, dataClass: 'consent', partitionId: consentId },
    key,
    meta,
    { consentId, purpose, granted, noticeVersion, channel, at },
    { identifiers: input.subject },
  );
  const hmacs = keys.map((k) => k.hmacHex);
  const [restriction, held] = await Promise.all([
    restrictionOf(deps.directory, tenantId, hmacs),
    subjectHeld(deps.directory, tenantId, hmacs),
  ]);
  const operations: WriteOperation[] = [
    { kind: 'put', item: { ...item, ...restrictionMark(restriction) }, condition: { kind: 'absent' } },
    ...subjectIndexItems(key.pk, keys, meta).map((entry): WriteOperation => ({ kind: 'put', item: entry })),
  ];
  const result = await commitOnce(deps.stores.storesFor(region).records, heldWrites(operations, held), guard, {
    status: 201,
    body: { consentId },
  });
  // Once the proof is kept: a marker always names a proof that was stored (standing-reader.ts relies on it).
  await mark(consentId);
  return result;
}
