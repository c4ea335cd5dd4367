import { DATA_CLASSES, type DataClass } from '../../domain/data-class';
import { batchSortKey, litigationPartition } from '../../domain/litigation/registry';
import type { TenantPolicy } from '../../domain/policy/schema';
import { regionFor } from '../../domain/residency/region-for';
import {
  CountTally,
  holdingsOf,
  type FoundCopy,
  type HeldPartition,
  type Inventory,
  type SealedBatch,
} from '../../domain/subject-requests/inventory';
import { isRestricted } from '../../domain/subject-requests/restriction';
import type { SubjectKey } from '../../domain/subject/subject-key';
import { ARCHIVED_PREFIX } from '../../domain/sweep/plan';
import { expirySecondsOf } from '../../domain/retention/visibility';
import { sealedBatchesOfSubject } from '../litigation/subject-links';
import { allPages } from '../records/pages';
import type { SubjectRequestDeps } from './deps';
import { findSubjectPartitions, partitionPieces, type PartitionPiece, type SubjectPartition } from './find-subject';
import { keptFromDeletion } from '../../domain/holds/precedence';
import { holdsOnPartitions } from '../holds/hold-guard';
import { copiesOf, type RegisteredCopy } from '../copies/copy-registry';
import { tenantCopiesPartition } from '../../domain/copies/derived-copy';
import { dataKeyIdsOf, partitionObjects } from './partition-objects';
import { isSubjectIndexEntry } from '../records/subject-index';

const classOf = (item: Record<string, unknown>): DataClass | undefined => DATA_CLASSES.find((c) => c === item.class);

export interface InventoryScope {
  tenantId: string;
  policy: TenantPolicy;
  keys: readonly SubjectKey[];
  /** Erasure and anonymisation leave held partitions alone; the other requests read them like any other. */
  honourHolds: boolean;
  now: Date;
}

/**
 * What the subject index leads to, counted per region and store before anything is changed:
 * records by class, index entries, data keys, content and archive objects (every version), audit
 * entries, and (for erasure and anonymisation) the derived copies registered against them; held
 * partitions and litigation batches apart, as what will be retained. Only reads.
 */
export async function takeInventory(deps: SubjectRequestDeps, scope: InventoryScope): Promise<Inventory> {
  const { tenantId } = scope;
  const partitions = await findSubjectPartitions(deps.stores, tenantId, scope.keys);
  const held = scope.honourHolds ? await holdsOnPartitions(deps, tenantId, partitions) : new Map<string, string[]>();
  const tally = new CountTally();
  const heldPartitions: HeldPartition[] = [];
  const batches = new Map<string, SealedBatch>();
  const records: { dataClass: DataClass; region: string; expiresAt?: number }[] = [];
  let restrictedRecords = 0;
  // Erasure and anonymisation delete the derived copies too: each counted once, however many partitions it holds.
  const copies = new Map<string, string>();
  const foundCopies: FoundCopy[] = [];
  const countCopies = (found: readonly RegisteredCopy[]) => {
    for (const { copy, pk, entryRegion } of found) {
      copies.set(`${copy.bucket}|${copy.region}|${copy.objectKey}`, copy.region);
      foundCopies.push({
        bucket: copy.bucket,
        region: copy.region,
        objectKey: copy.objectKey,
        entryPk: pk,
        entryRegion,
      });
    }
  };
  if (scope.honourHolds) countCopies(await copiesOf(deps, tenantCopiesPartition(tenantId)));
  // A chatbot session's shared data key seals several partitions: each key counted once per region.
  const keysFound = new Set<string>();

  for (const partition of partitions) {
    const pieces = await partitionPieces(deps.stores, partition.pk);
    const holdIds = held.get(partition.pk);
    if (holdIds && keptFromDeletion(holdIds)) {
      heldPartitions.push(heldPartitionOf(partition, pieces, holdIds));
      continue;
    }
    for (const { region, items } of pieces)
      for (const item of items) {
        const dataClass = classOf(item);
        if (isSubjectIndexEntry(item)) tally.add(region, 'subject-index', undefined);
        else if (dataClass && !item.sk.startsWith(ARCHIVED_PREFIX)) tally.add(region, 'records', dataClass);
        if (!dataClass || isSubjectIndexEntry(item)) continue;
        records.push({ dataClass, region, expiresAt: expirySecondsOf(item) });
        if (isRestricted(item)) restrictedRecords++;
        if (typeof item.sealedIn === 'string') addToBatch(batches, scope, item.sealedIn, dataClass);
      }
    if (scope.honourHolds) countCopies(await copiesOf(deps, partition.pk));
    for (const object of await partitionObjects(deps.stores, tenantId, partition, pieces)) {
      const store = deps.stores.storesFor(object.region)[object.bucket];
      tally.add(object.region, object.bucket, object.dataClass, (await store.listVersions(object.key)).length);
    }
    for (const region of deps.stores.regions)
      for (const dekId of dataKeyIdsOf(partition, pieces))
        if (!keysFound.has(`${region}|${dekId}`) && (await deps.stores.storesFor(region).keys.get(tenantId, dekId))) {
          keysFound.add(`${region}|${dekId}`);
          tally.add(region, 'keys', undefined);
        }
    if (partition.kind === 'interaction') {
      const entries = await allPages((cursor) =>
        deps.auditLog.list(tenantId, { interactionId: partition.id }, { cursor, limit: 500 }),
      );
      tally.add(deps.homeRegion, 'audit', 'audit', entries.length);
    }
  }

  for (const region of copies.values()) tally.add(region, 'copies', undefined);

  // Batches whose live records are gone (deleted or anonymised after sealing) are found by their subject links.
  for (const region of deps.stores.regions)
    for (const link of await sealedBatchesOfSubject(
      deps.stores.storesFor(region).records,
      tenantId,
      scope.keys.map((k) => k.hmacHex),
    )) {
      const known = batches.get(link.batchId);
      batches.set(link.batchId, {
        batchId: link.batchId,
        region,
        dataClass: link.sealedClass,
        records: Math.max(known?.records ?? 0, link.records),
      });
    }

  return {
    at: scope.now.toISOString(),
    regions: [...deps.stores.regions],
    keysSearched: scope.keys.length,
    partitions: partitions.length - heldPartitions.length,
    counts: tally.list(),
    held: heldPartitions,
    litigation: await withRetention(deps, scope, [...batches.values()]),
    restrictedRecords,
    holdings: holdingsOf(records),
    ...(scope.honourHolds ? { copies: foundCopies } : {}),
  };
}

function heldPartitionOf(
  partition: SubjectPartition,
  pieces: readonly PartitionPiece[],
  holdIds: string[],
): HeldPartition {
  const items = pieces.flatMap((p) => p.items).filter((i) => !isSubjectIndexEntry(i) && classOf(i));
  const expiries = items.map(expirySecondsOf).filter((e): e is number => e !== undefined);
  return {
    partitionId: partition.id,
    kind: partition.kind,
    regions: pieces.map((p) => p.region),
    classes: [...new Set(items.map((i) => classOf(i)!))].sort(),
    records: items.length,
    holdIds,
    ...(expiries.length ? { retentionEndsAt: new Date(Math.max(...expiries) * 1000).toISOString() } : {}),
  };
}

function addToBatch(
  batches: Map<string, SealedBatch>,
  scope: InventoryScope,
  batchId: string,
  dataClass: DataClass,
): void {
  const batch = batches.get(batchId) ?? {
    batchId,
    region: regionFor(scope.policy, 'litigation'),
    dataClass,
    records: 0,
  };
  batches.set(batchId, { ...batch, records: batch.records + 1 });
}

/** Until when Object Lock keeps each batch, from the litigation registry. */
async function withRetention(
  deps: SubjectRequestDeps,
  scope: InventoryScope,
  batches: SealedBatch[],
): Promise<SealedBatch[]> {
  const out: SealedBatch[] = [];
  for (const batch of batches) {
    const entry = await deps.stores
      .storesFor(batch.region)
      .records.get({ pk: litigationPartition(scope.tenantId), sk: batchSortKey(batch.batchId) });
    out.push(typeof entry?.retainUntil === 'string' ? { ...batch, retainUntil: entry.retainUntil } : batch);
  }
  return out.sort((a, b) => (a.batchId < b.batchId ? -1 : 1));
}
