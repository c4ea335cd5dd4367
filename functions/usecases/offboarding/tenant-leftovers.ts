import { DATA_CLASSES } from '../../domain/data-class';
import { exportsPrefixesOf } from '../../domain/copies/copy-keys';
import type { HoldCoverage } from '../../domain/holds/coverage';
import { litigationPartition, BATCH_PREFIX } from '../../domain/litigation/registry';
import { parsePartitionKey, SUBJECT_ENTRY_PREFIX } from '../../domain/sweep/record-keys';
import type { ContentStore } from '../../ports/content-store';
import type { LegalHold } from '../../domain/holds/hold';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import { deleteUnderPrefix } from '../retention/content-objects';
import type { RetentionDeps } from '../retention/sweep-deps';
import type { FinalReport } from './offboarding-record';

/** Prefixes of a tenant's objects in a region's content bucket (docs/storage-layout.md). */
export const contentPrefixes = (tenantId: string) => [`recording/${tenantId}/`, `transcript/${tenantId}/`, `upload/${tenantId}/`, `playback/${tenantId}/`];
/** Prefixes of a tenant's objects in a region's archive bucket: one per class. */
export const archivePrefixes = (tenantId: string) => DATA_CLASSES.map((c) => `${c}/${tenantId}/`);

/** The audit chain's partitions go with `AuditLog.destroy`, which the purge calls itself. */
const isAuditPartition = (tenantId: string, pk: string) => pk === `T#${tenantId}#AUDIT` || pk.startsWith(`T#${tenantId}#AUDITIDX#`);

/** What the law keeps past the purge: the litigation registry (Object Lock) and partitions under a legal hold, with their data keys. */
interface Retention {
  keepsPartition(pk: string): boolean;
  keepsDataKey(dekId: string): boolean;
}

function retentionOf(tenantId: string, coverage: HoldCoverage, heldIds: ReadonlySet<string>): Retention {
  return {
    keepsPartition: (pk) => pk === litigationPartition(tenantId) || coverage.holdsOn(pk).length > 0,
    keepsDataKey: (dekId) => heldIds.has(dekId),
  };
}

async function regionRetention(deps: Pick<RetentionDeps, 'stores'>, region: string, tenantId: string, holds: readonly LegalHold[]): Promise<{ retention: Retention; coverage: HoldCoverage }> {
  const stores = deps.stores.storesFor(region);
  const coverage = await loadHoldCoverage(stores.records, tenantId, holds);
  const heldIds = new Set<string>();
  for await (const item of stores.records.scanTenant(tenantId)) {
    const parsed = parsePartitionKey(item.pk);
    if (parsed && coverage.holdsOn(item.pk).length) heldIds.add(parsed.id);
  }
  return { retention: retentionOf(tenantId, coverage, heldIds), coverage };
}

/**
 * The last pass of a purge, after the index-driven ones: whatever of the tenant a scan of each
 * regional table still finds (KPI counters of any date, records whose expiry day no bucket list
 * reaches, listing entries, idempotency and session markers, orphaned data keys) is deleted,
 * partitions' data keys first; held partitions and the litigation registry stay. Then the
 * tenant's packages and downloads in the exports bucket go: the offboarding package's download
 * window ends with the purge. Returns the KPI counters it deleted, per region.
 */
export async function purgeLeftovers(deps: Pick<RetentionDeps, 'stores' | 'vault' | 'directory' | 'exports'>, tenantId: string): Promise<Map<string, number>> {
  const holds = await listHolds(deps.directory, tenantId);
  const counters = new Map<string, number>();
  for (const region of deps.stores.regions) {
    const stores = deps.stores.storesFor(region);
    const { retention } = await regionRetention(deps, region, tenantId, holds);
    const partitions = new Set<string>();
    for await (const item of stores.records.scanTenant(tenantId)) if (!retention.keepsPartition(item.pk) && !isAuditPartition(tenantId, item.pk)) partitions.add(item.pk);
    for (const pk of partitions) {
      const parsed = parsePartitionKey(pk);
      if (parsed) await deps.vault.shred(region, tenantId, parsed.id);
      await stores.records.deletePartition(pk);
    }
    for await (const key of stores.keys.scanTenant(tenantId)) if (key.dekId && !retention.keepsDataKey(key.dekId)) await deps.vault.shred(region, tenantId, key.dekId);
    const months = new Set<string>();
    for await (const item of stores.aggregates.scanTenant(tenantId)) months.add(item.pk);
    let deleted = 0;
    for (const pk of months) deleted += await stores.aggregates.deletePartition(pk);
    if (deleted) counters.set(region, deleted);
  }
  for (const prefix of exportsPrefixesOf(tenantId)) await deleteUnderPrefix(deps.exports, prefix);
  return counters;
}

/**
 * The final report, counted independently of the purge: a scan of every regional table for the
 * tenant's items (not the bucket, month and day lists the purge walked) and a listing of every
 * prefix its objects can have, in every bucket including the exports bucket. Held partitions and
 * sealed litigation batches are reported as retained, not remaining.
 */
export async function countWhatIsLeft(deps: Pick<RetentionDeps, 'stores' | 'directory' | 'exports'>, tenantId: string, now: Date): Promise<FinalReport> {
  const remaining = { records: 0, indexEntries: 0, otherItems: 0, dataKeys: 0, contentObjects: 0, archiveObjects: 0, exportObjects: 0, aggregates: 0 };
  const retained: FinalReport['retained'] = { litigationBatches: 0, heldRecords: 0 };
  const holds = await listHolds(deps.directory, tenantId);
  for (const region of deps.stores.regions) {
    const stores = deps.stores.storesFor(region);
    const { retention, coverage } = await regionRetention(deps, region, tenantId, holds);
    for await (const item of stores.records.scanTenant(tenantId)) {
      const index = item.sk?.startsWith(SUBJECT_ENTRY_PREFIX) === true;
      if (item.pk === litigationPartition(tenantId)) {
        if (!item.sk?.startsWith(BATCH_PREFIX)) continue;
        retained.litigationBatches++;
        const until = typeof item.expiresAt === 'number' ? new Date(item.expiresAt * 1000).toISOString() : undefined;
        if (until && (!retained.litigationRetainedUntil || until > retained.litigationRetainedUntil)) retained.litigationRetainedUntil = until;
      } else if (coverage.holdsOn(item.pk).length) {
        if (item.class && !index) retained.heldRecords++;
      } else if (index) remaining.indexEntries++;
      else if (item.class) remaining.records++;
      else remaining.otherItems++;
    }
    for await (const key of stores.keys.scanTenant(tenantId)) if (!key.dekId || !retention.keepsDataKey(key.dekId)) remaining.dataKeys++;
    for await (const _counter of stores.aggregates.scanTenant(tenantId)) remaining.aggregates++;
    for (const prefix of contentPrefixes(tenantId)) remaining.contentObjects += await countUnder(stores.content, prefix);
    for (const prefix of archivePrefixes(tenantId)) remaining.archiveObjects += await countUnder(stores.archive, prefix);
  }
  for (const prefix of exportsPrefixesOf(tenantId)) remaining.exportObjects += await countUnder(deps.exports, prefix);
  return { completedAt: now.toISOString(), remaining, retained, dataKeysShredded: remaining.dataKeys === 0 };
}

async function countUnder(store: ContentStore, prefix: string): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const page = await store.listKeys(prefix, { cursor, limit: 1000 });
    count += page.items.length;
    cursor = page.cursor;
  } while (cursor);
  return count;
}
