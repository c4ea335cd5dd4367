import { DATA_CLASSES } from '../../domain/data-class';
import { exportsPrefixesOf, playbackFolderOf } from '../../domain/copies/copy-keys';
import type { HoldCoverage } from '../../domain/holds/coverage';
import { litigationPartition, BATCH_PREFIX } from '../../domain/litigation/registry';
import { parsePartitionKey } from '../../domain/record-keys';
import type { ContentStore } from '../../ports/content-store';
import { KEY_ENCRYPTION_KEY_ID } from '../../ports/data-key-store';
import type { LegalHold } from '../../domain/holds/hold';
import { copyOf } from '../../domain/copies/derived-copy';
import { keptFromDeletion } from '../../domain/holds/precedence';
import type { ItemKey, RecordStore } from '../../ports/record-store';
import { listingPartition } from '../records/interaction-listing';
import { allPages } from '../records/pages';
import { loadHoldCoverage } from '../holds/hold-coverage';
import { listHolds } from '../holds/hold-records';
import { contentKeysOfItem, deleteUnderPrefix, interactionContentPrefixes } from '../records/content-objects';
import type { RetentionDeps } from '../retention/sweep-deps';
import type { FinalReport } from './offboarding-record';
import { isSubjectIndexEntry } from '../records/subject-index';

/** Prefixes of a tenant's objects in a region's content bucket (docs/storage-layout.md). */
export const contentPrefixes = (tenantId: string) => [
  `recording/${tenantId}/`,
  `transcript/${tenantId}/`,
  `upload/${tenantId}/`,
  `playback/${tenantId}/`,
];
/** Prefixes of a tenant's objects in a region's archive bucket: one per class. */
export const archivePrefixes = (tenantId: string) => DATA_CLASSES.map((c) => `${c}/${tenantId}/`);

/** The audit chain's partitions go with `AuditLog.destroy`, which the purge calls itself. */
const isAuditPartition = (tenantId: string, pk: string) =>
  pk === `T#${tenantId}#AUDIT` || pk.startsWith(`T#${tenantId}#AUDITIDX#`);

/**
 * What the law keeps past the purge: the litigation registry (Object Lock) and partitions under a
 * legal hold, with their data keys, their listing entries, their objects (content, upload,
 * archive) and the derived copies registered against them.
 */
interface Retention {
  keepsPartition(pk: string): boolean;
  keepsItem(item: { pk: string; sk?: string }): boolean;
  keepsDataKey(dekId: string): boolean;
}

function retentionOf(tenantId: string, coverage: HoldCoverage, heldIds: ReadonlySet<string>): Retention {
  const keepsPartition = (pk: string) => pk === litigationPartition(tenantId) || keptFromDeletion(coverage.holdsOn(pk));
  return {
    keepsPartition,
    // A listing entry's sort key ends with its interaction's id.
    keepsItem: (item) =>
      keepsPartition(item.pk) ||
      (item.pk.startsWith(listingPartition(tenantId, '')) && heldIds.has(item.sk?.split('#').pop() ?? '')),
    // Held partitions' data keys are wrapped under the region's key-encryption key: it stays with them.
    keepsDataKey: (dekId) => heldIds.has(dekId) || (dekId === KEY_ENCRYPTION_KEY_ID && heldIds.size > 0),
  };
}

/** What the tenant's active holds keep in one region, by the coverage every deletion asks (hold-guard.ts), and which holds keep it. */
async function regionRetention(
  deps: Pick<RetentionDeps, 'stores'>,
  region: string,
  tenantId: string,
  holds: readonly LegalHold[],
): Promise<HeldData> {
  const stores = deps.stores.storesFor(region);
  const coverage = await loadHoldCoverage(stores.records, tenantId, holds);
  const heldIds = new Set<string>();
  const objects = new Set<string>();
  const prefixes: string[] = [];
  const holdIds = new Set<string>();
  const heldPartitions = new Set<string>();
  for await (const item of stores.records.scanTenant(tenantId)) {
    const parsed = parsePartitionKey(item.pk);
    const by = coverage.holdsOn(item.pk);
    if (!parsed || !keptFromDeletion(by)) continue;
    for (const id of by) holdIds.add(id);
    heldIds.add(parsed.id);
    heldPartitions.add(item.pk);
  }
  // The scan projects keys only: a held partition's items are read whole for the objects they name.
  for (const pk of heldPartitions) {
    const parsed = parsePartitionKey(pk);
    if (parsed?.kind === 'interaction') prefixes.push(...interactionObjectPrefixes(tenantId, parsed.id));
    for (const item of await allPages((cursor) => stores.records.queryPartition(pk, { cursor, consistent: true }))) {
      // A held event's shared key (a chatbot session's) stays with it.
      if (typeof item.dekId === 'string') heldIds.add(item.dekId);
      for (const key of [
        ...contentKeysOfItem(tenantId, item),
        ...(Array.isArray(item.archiveKeys) ? item.archiveKeys.map(String) : []),
        copyOf(item)?.objectKey,
      ])
        if (key) objects.add(key);
    }
  }
  const keepsObject = (key: string) => objects.has(key) || prefixes.some((p) => key.startsWith(p));
  return { retention: retentionOf(tenantId, coverage, heldIds), coverage, keepsObject, holdIds };
}

interface HeldData {
  retention: Retention;
  coverage: HoldCoverage;
  /** An object of a held partition, in any bucket: its content, archived copies, registered derived copies. */
  keepsObject(key: string): boolean;
  holdIds: ReadonlySet<string>;
}

/** Where a held interaction's objects are, whether or not an item still names them. */
const interactionObjectPrefixes = (tenantId: string, interactionId: string) => [
  ...interactionContentPrefixes(tenantId, interactionId),
  `upload/${tenantId}/${interactionId}/`,
  playbackFolderOf(tenantId, interactionId),
];

/** What the holds keep of the tenant in every region: objects of any bucket, and the holds that keep anything. */
export async function heldOfTenant(
  deps: Pick<RetentionDeps, 'stores' | 'directory'>,
  tenantId: string,
): Promise<{ keepsObject(key: string): boolean; holdIds: string[] }> {
  const holds = await listHolds(deps.directory, tenantId);
  const held = await Promise.all(deps.stores.regions.map((region) => regionRetention(deps, region, tenantId, holds)));
  return {
    keepsObject: (key) => held.some((h) => h.keepsObject(key)),
    holdIds: [...new Set(held.flatMap((h) => [...h.holdIds]))].sort(),
  };
}

/**
 * The last pass of a purge, after the index-driven ones: whatever of the tenant a scan of each
 * regional table still finds (KPI counters of any date, records whose expiry day no bucket list
 * reaches, listing entries, idempotency and session markers, orphaned data keys) is deleted,
 * partitions' data keys first; held partitions and the litigation registry stay. Then the
 * tenant's packages and downloads in the exports bucket go: the offboarding package's download
 * window ends with the purge. Returns the KPI counters it deleted, per region.
 */
export async function purgeLeftovers(
  deps: Pick<RetentionDeps, 'stores' | 'vault' | 'directory' | 'exports'>,
  tenantId: string,
): Promise<Map<string, number>> {
  const holds = await listHolds(deps.directory, tenantId);
  const counters = new Map<string, number>();
  const held: HeldData[] = [];
  for (const region of deps.stores.regions) {
    const stores = deps.stores.storesFor(region);
    const regionHeld = await regionRetention(deps, region, tenantId, holds);
    const { retention } = regionHeld;
    held.push(regionHeld);
    const partitions = new Set<string>();
    const listed: ItemKey[] = [];
    for await (const item of stores.records.scanTenant(tenantId)) {
      if (isAuditPartition(tenantId, item.pk) || retention.keepsPartition(item.pk)) continue;
      partitions.add(item.pk);
      // A day of the listing can name held and other interactions: only the others' entries go.
      if (item.sk && retention.keepsItem(item)) listed.push({ pk: item.pk, sk: item.sk });
    }
    for (const pk of partitions) {
      const parsed = parsePartitionKey(pk);
      if (parsed) await deps.vault.shred(region, tenantId, parsed.id, 'tenant-purge');
      const kept = listed.filter((k) => k.pk === pk);
      if (kept.length) await deleteAllBut(stores.records, pk, kept);
      else await stores.records.deletePartition(pk);
    }
    for await (const key of stores.keys.scanTenant(tenantId))
      if (key.dekId && !retention.keepsDataKey(key.dekId))
        await deps.vault.shred(region, tenantId, key.dekId, 'tenant-purge');
    const months = new Set<string>();
    for await (const item of stores.aggregates.scanTenant(tenantId)) months.add(item.pk);
    let deleted = 0;
    for (const pk of months) deleted += await stores.aggregates.deletePartition(pk);
    if (deleted) counters.set(region, deleted);
  }
  const keepsObject = (key: string) => held.some((h) => h.keepsObject(key));
  for (const prefix of exportsPrefixesOf(tenantId)) await deleteUnderPrefix(deps.exports, prefix, keepsObject);
  return counters;
}

/** Deletes the items of a partition except `kept` (a listing day naming held interactions). */
async function deleteAllBut(records: RecordStore, pk: string, kept: readonly ItemKey[]): Promise<void> {
  const keep = new Set(kept.map((k) => k.sk));
  const items = await allPages((cursor) => records.queryPartition(pk, { cursor, consistent: true }));
  await records.deleteItems(items.filter((i) => !keep.has(i.sk)).map((i) => ({ pk: i.pk, sk: i.sk })));
}

/**
 * The final report, counted independently of the purge: a scan of every regional table for the
 * tenant's items (not the bucket, month and day lists the purge walked) and a listing of every
 * prefix its objects can have, in every bucket including the exports bucket. What legal holds keep
 * (their partitions' records and objects, and the audit chain while any hold keeps data) and
 * sealed litigation batches are reported as retained, not remaining, with the holds that keep them.
 */
export async function countWhatIsLeft(
  deps: Pick<RetentionDeps, 'stores' | 'directory' | 'exports'>,
  tenantId: string,
  now: Date,
): Promise<FinalReport> {
  const remaining = {
    records: 0,
    indexEntries: 0,
    otherItems: 0,
    dataKeys: 0,
    contentObjects: 0,
    archiveObjects: 0,
    exportObjects: 0,
    aggregates: 0,
  };
  const retained: FinalReport['retained'] = { litigationBatches: 0, heldRecords: 0, heldObjects: 0 };
  const holds = await listHolds(deps.directory, tenantId);
  const held = await Promise.all(deps.stores.regions.map((region) => regionRetention(deps, region, tenantId, holds)));
  const heldBy = [...new Set(held.flatMap((h) => [...h.holdIds]))].sort();
  const keepsObject = (key: string) => held.some((h) => h.keepsObject(key));
  const count = async (store: ContentStore, prefix: string) => {
    const { kept, other } = await countUnder(store, prefix, keepsObject);
    retained.heldObjects += kept;
    return other;
  };
  for (const [i, region] of deps.stores.regions.entries()) {
    const stores = deps.stores.storesFor(region);
    const { retention } = held[i];
    for await (const item of stores.records.scanTenant(tenantId)) {
      const index = isSubjectIndexEntry(item);
      if (item.pk === litigationPartition(tenantId)) {
        if (!item.sk?.startsWith(BATCH_PREFIX)) continue;
        retained.litigationBatches++;
        const until = typeof item.expiresAt === 'number' ? new Date(item.expiresAt * 1000).toISOString() : undefined;
        if (until && (!retained.litigationRetainedUntil || until > retained.litigationRetainedUntil))
          retained.litigationRetainedUntil = until;
      } else if (retention.keepsItem(item)) {
        if (item.class && !index) retained.heldRecords++;
      } else if (heldBy.length && isAuditPartition(tenantId, item.pk))
        continue; // kept with what the holds keep
      else if (index) remaining.indexEntries++;
      else if (item.class) remaining.records++;
      else remaining.otherItems++;
    }
    for await (const key of stores.keys.scanTenant(tenantId))
      if (!key.dekId || !retention.keepsDataKey(key.dekId)) remaining.dataKeys++;
    for await (const _counter of stores.aggregates.scanTenant(tenantId)) remaining.aggregates++;
    for (const prefix of contentPrefixes(tenantId)) remaining.contentObjects += await count(stores.content, prefix);
    for (const prefix of archivePrefixes(tenantId)) remaining.archiveObjects += await count(stores.archive, prefix);
  }
  for (const prefix of exportsPrefixesOf(tenantId)) remaining.exportObjects += await count(deps.exports, prefix);
  return {
    completedAt: now.toISOString(),
    remaining,
    retained,
    dataKeysShredded: remaining.dataKeys === 0,
    ...(heldBy.length ? { heldBy } : {}),
  };
}

/** Objects under `prefix`: those `kept` (held) and the others. */
async function countUnder(
  store: ContentStore,
  prefix: string,
  keeps: (key: string) => boolean,
): Promise<{ kept: number; other: number }> {
  const counted = { kept: 0, other: 0 };
  let cursor: string | undefined;
  do {
    const page = await store.listKeys(prefix, { cursor, limit: 1000 });
    for (const key of page.items) counted[keeps(key) ? 'kept' : 'other']++;
    cursor = page.cursor;
  } while (cursor);
  return counted;
}
