import type { AuditActor } from '../../domain/audit/entry';
import { notFound } from '../../domain/errors';
import { batchEncryptionContext } from '../../domain/litigation/batch';
import type { AuditLog } from '../../ports/audit-log';
import type { Clock } from '../../ports/clock';
import type { RegionalStores } from '../../ports/regional-stores';
import { findBatch, type BatchSummary } from './list-batches';

/** Where a sealed batch is, for the legal-access role to fetch and open with its own AWS identity. */
export interface BatchRetrieval {
  retrievedAt: string;
  batch: BatchSummary;
  region: string;
  bucket: string;
  objectKey: string;
  /** The KMS encryption context its data key is bound to. */
  encryptionContext: Record<string, string>;
}

/**
 * A retrieval of a litigation batch by the legal role, written to the audit log before anything
 * is handed out (issue 4: every retrieval is audited). What it hands out is where the batch lies:
 * the bucket encrypts it with the litigation key, whose policy lets only the legal-access role
 * decrypt, so the object can be fetched and opened only with that role's own AWS credentials
 * (`lethe litigation export`). An admin token alone reads nothing.
 */
export async function retrieveBatch(
  deps: { stores: RegionalStores; auditLog: AuditLog; clock: Clock },
  request: { tenantId: string; batchId: string; actor: AuditActor; source: string },
): Promise<BatchRetrieval> {
  const found = await findBatch(deps.stores, request.tenantId, request.batchId);
  if (!found) throw notFound(`Litigation batch ${request.batchId}`);
  const { objectKey, ...batch } = found;
  const retrievedAt = deps.clock.now().toISOString();
  await deps.auditLog.append(request.tenantId, {
    at: retrievedAt,
    actor: request.actor,
    action: 'litigation.retrieve',
    from: request.source,
    details: { batchId: batch.batchId, class: batch.sealedClass, region: batch.region, records: batch.records },
  });
  const encryptionContext = batchEncryptionContext({
    tenantId: request.tenantId,
    dataClass: batch.sealedClass,
    batchId: batch.batchId,
  });
  return {
    retrievedAt,
    batch,
    region: batch.region,
    bucket: deps.stores.storesFor(batch.region).litigation.bucket,
    objectKey,
    encryptionContext,
  };
}
