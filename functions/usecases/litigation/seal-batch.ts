import type { DataClass } from '../../domain/data-class';
import { batchEncryptionContext, batchIdOf, batchObjectKey, sealBatch } from '../../domain/litigation/batch';
import { batchSortKey, litigationPartition, type BatchEntry } from '../../domain/litigation/registry';
import type { TenantPolicy } from '../../domain/policy/schema';
import { regionFor } from '../../domain/residency/region-for';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { expiryBucket } from '../../domain/retention/expiry-bucket';
import { expiryInstant } from '../../domain/retention/expiry-instant';
import { retentionFor } from '../../domain/retention/retention-for';
import type { KeyVault } from '../../ports/key-vault';
import type { StoredItem } from '../../ports/record-store';
import type { RegionalStores } from '../../ports/regional-stores';
import type { PersonalDataVault } from '../personal-data/personal-data-vault';
import { openedRecordOf } from '../records/item-facts';
import { subjectLinksOf, writeSubjectLinks } from './subject-links';

export interface SealRequest {
  tenantId: string;
  policy: TenantPolicy;
  /** Region the records live in. */
  sourceRegion: string;
  dataClass: DataClass;
  items: readonly StoredItem[];
  now: Date;
}

/**
 * Seals records of one tenant × class × region in the litigation archive before their expiry
 * action (iAdvize: temporary archive, 5 years, AES-256, a few people only), in the litigation
 * class's region: a fresh data key from the region's litigation KMS key, bound to
 * {tenant, class, batchId}; the batch written once under Object Lock (compliance mode) until the
 * litigation retention ends; a registry entry the sweep destroys it by. The batch id depends on the
 * records only, so sealing the same records again (a re-run after a crash) finds the batch done.
 * Then each record is marked `sealedIn`, so it is never sealed twice.
 */
export async function sealIntoBatch(
  deps: { stores: RegionalStores; vault: PersonalDataVault; keyVault: KeyVault },
  request: SealRequest,
): Promise<BatchEntry> {
  const { tenantId, policy, sourceRegion, dataClass, items, now } = request;
  const region = regionFor(policy, 'litigation');
  const target = deps.stores.storesFor(region);
  const batchId = batchIdOf(tenantId, dataClass, sourceRegion, items);
  const registryKey = { pk: litigationPartition(tenantId), sk: batchSortKey(batchId) };

  // Links from the subject's keys to the batch, so subject requests still find it once the live records are gone.
  const links = await subjectLinksOf(deps.stores, tenantId, { batchId, sealedClass: dataClass }, items);
  const existing = await target.records.get(registryKey, { consistent: true });
  const entry = existing ? (existing as unknown as BatchEntry) : await writeBatch();
  await writeSubjectLinks(target.records, links);
  const source = deps.stores.storesFor(sourceRegion).records;
  for (const item of items)
    await source.update({ pk: item.pk, sk: item.sk }, { set: { sealedIn: batchId } }, { kind: 'present' });
  return entry;

  async function writeBatch(): Promise<BatchEntry> {
    const opened = [];
    for (const item of items) opened.push(await openedRecordOf(deps.vault, sourceRegion, item, dataClass));
    const retainUntil = expiryInstant(now, retentionFor(policy, 'litigation'), policy.timeZone);
    const header = {
      tenantId,
      dataClass,
      batchId,
      region,
      sealedAt: now.toISOString(),
      retainUntil: retainUntil.toISOString(),
    };
    const dataKey = await deps.keyVault.generateDataKey(region, 'litigation', batchEncryptionContext(header));
    let body: Uint8Array;
    try {
      body = sealBatch(header, opened, dataKey.plaintext, dataKey.wrapped);
    } finally {
      dataKey.plaintext.fill(0);
    }
    const objectKey = batchObjectKey(header);
    await target.litigation.put(objectKey, body, {
      contentType: 'application/json',
      objectLock: { mode: 'COMPLIANCE', retainUntil },
    });
    const written: BatchEntry = {
      tenantId,
      batchId,
      sealedClass: dataClass,
      sourceRegion,
      region,
      objectKey,
      records: items.length,
      members: [...new Set(items.map((i) => i.pk))],
      sealedAt: header.sealedAt,
      retainUntil: header.retainUntil,
    };
    const expiresAt = ttlEpochSeconds(retainUntil);
    await target.records.put({
      ...registryKey,
      ...written,
      class: 'litigation',
      tier: 'litigation-batch',
      createdAt: header.sealedAt,
      expiresAt,
      expiryBucket: expiryBucket(tenantId, 'litigation', expiresAt, batchId),
      subjectLinks: links.map((l) => l.sk),
    });
    return written;
  }
}
