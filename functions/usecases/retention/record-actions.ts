import { anonymisedAt } from '../../domain/anonymise/anonymised-at';
import { isSharedDataKeyId } from '../../domain/crypto/shared-data-key';
import type { DataClass } from '../../domain/data-class';
import { ttlEpochSeconds } from '../../domain/retention/exact-expiry';
import { backstopTags } from '../../domain/retention/content-backstop';
import { expiryBucket } from '../../domain/retention/expiry-bucket';
import { archivedRecord, archiveObjectKey } from '../../domain/sweep/archive-object';
import { archivePointerSortKey } from '../../domain/sweep/plan';
import { parsePartitionKey } from '../../domain/record-keys';
import type { ItemKey, StoredItem } from '../../ports/record-store';
import { WriteConflict } from '../../ports/write-conflict';
import {
  contentKeysOfItem,
  deleteEveryVersion,
  deleteUnderPrefix,
  interactionContentPrefixes,
} from '../records/content-objects';
import { dekIdOf } from '../records/item-facts';
import { redateListingOf } from '../records/redate-record';
import { deleteSubjectLinks } from '../litigation/subject-links';
import type { RetentionDeps } from './sweep-deps';
import { deleteCopiesOfPartition } from '../copies/copy-registry';
import { entriesOfPartition, isSubjectIndexEntry } from '../records/subject-index';

/** Where an action runs: one tenant in one region, at one instant. */
export interface ActionScope {
  deps: Pick<RetentionDeps, 'stores' | 'vault' | 'auditLog' | 'exports'>;
  region: string;
  tenantId: string;
  now: Date;
}

const keyOf = (item: ItemKey): ItemKey => ({ pk: item.pk, sk: item.sk });
const shardSeed = (item: ItemKey) => `${item.pk}|${item.sk}`;
const stores = (scope: ActionScope) => scope.deps.stores.storesFor(scope.region);

/** A write that found its item gone: someone (an earlier run, a partition delete) finished the job. */
async function unlessGone(write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
  }
}

/**
 * Deletes a whole partition (Puzzel: deleting an inquiry's general info deletes its content and
 * audit entries): its data key first, so a stop half-way leaves only unreadable records that are
 * still due and get deleted by the next run; then the audit entries about it; then every version
 * of its content and archived objects; then every item, subject-index entries included.
 */
export async function deletePartition(scope: ActionScope, pk: string): Promise<number> {
  const { records, content, archive } = stores(scope);
  const partition = parsePartitionKey(pk);
  const dekIds = new Set(partition ? [partition.id] : []);
  const contentKeys: string[] = [];
  const archiveKeys: string[] = [];
  const items: ItemKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await records.queryPartition(pk, { cursor, consistent: true });
    for (const item of page.items) {
      items.push(keyOf(item));
      if (typeof item.dekId === 'string') dekIds.add(item.dekId);
      contentKeys.push(...contentKeysOfItem(scope.tenantId, item));
      if (Array.isArray(item.archiveKeys))
        archiveKeys.push(...item.archiveKeys.filter((k): k is string => typeof k === 'string'));
    }
    cursor = page.cursor;
  } while (cursor);
  for (const dekId of dekIds) await scope.deps.vault.shred(scope.region, scope.tenantId, dekId, { partition: pk });
  // Puzzel: an inquiry's audit entries go with it (signed tombstones keep the chain verifiable).
  if (partition?.kind === 'interaction') await scope.deps.auditLog.forgetInteraction(scope.tenantId, partition.id);
  await deleteEveryVersion(content, contentKeys);
  if (partition?.kind === 'interaction')
    for (const prefix of interactionContentPrefixes(scope.tenantId, partition.id))
      await deleteUnderPrefix(content, prefix);
  await deleteEveryVersion(archive, archiveKeys);
  await deleteCopiesOfPartition(scope.deps, pk, 'all');
  // The partition as read above: nothing is added to a partition whose root record has expired.
  return records.deleteItems(items);
}

/**
 * Deletes records of one partition that do not own it (chat-log lines, surveys, recordings, audit
 * entries): their content objects, the copies of their classes, the items in batches, then the
 * partition is settled once. Linear in the records: nothing is read again per record.
 */
export async function deleteItems(scope: ActionScope, items: readonly StoredItem[]): Promise<void> {
  if (!items.length) return;
  const { records, content } = stores(scope);
  await releaseSharedKeys(scope, items);
  for (const item of items) await deleteEveryVersion(content, contentKeysOfItem(scope.tenantId, item));
  for (const pk of new Set(items.map((i) => i.pk)))
    for (const dataClass of new Set(items.filter((i) => i.pk === pk).map((i) => i.class as DataClass)))
      await deleteCopiesOfPartition(scope.deps, pk, dataClass);
  await records.deleteItems(items.map(keyOf));
  for (const pk of new Set(items.map((i) => i.pk))) await settlePartition(scope, pk);
}

/**
 * Anonymises a record (iAdvize: personal data deleted, anonymised statistics kept): its sealed
 * personal fields (participant, external id, message text, comment, event payload and session id:
 * everything personal is sealed, docs/storage-layout.md) and content objects go; its clear
 * statistics stay, from now on kept as long as the tenant keeps statistics. Once nothing personal is left in its partition, the partition leaves the
 * subject index and its data key is shredded: the caller settles the partition (settlePartition)
 * once it is done with its records. An interaction's listing entry is re-dated first, so
 * it stays searchable by its clear facts for as long (a stop half-way leaves the record due).
 */
export async function anonymiseItem(scope: ActionScope, item: StoredItem, statisticsExpireAt: Date): Promise<void> {
  const { records, content } = stores(scope);
  await releaseSharedKeys(scope, [item]);
  await deleteEveryVersion(content, contentKeysOfItem(scope.tenantId, item));
  await deleteCopiesOfPartition(scope.deps, item.pk, item.class as DataClass);
  const expiresAt = ttlEpochSeconds(statisticsExpireAt);
  await redateListingOf(scope.deps, scope.tenantId, item, expiresAt);
  const set: Record<string, unknown> = {
    tier: 'statistics',
    anonymisedAt: anonymisedAt(typeof item.anonymisedAt === 'string' ? item.anonymisedAt : undefined, scope.now),
    expiresAt,
    expiryBucket: expiryBucket(scope.tenantId, item.class as DataClass, expiresAt, shardSeed(item)),
  };
  const remove = ['sealed', 'dekId', 'objectKey', 'contentKey', 'uploadKey'].filter((name) => name in item);
  await unlessGone(() => records.update(keyOf(item), { set, remove }, { kind: 'present' }));
}

/**
 * Moves a record to the archive tier (Inbenta: raw data after 100 days, CSV on request only): the
 * stored item, personal fields still sealed under the partition's key, as one object per record
 * (its content objects copied beside it), then in one transaction the record is replaced by a
 * small pointer that keeps the partition's subject-index entries meaningful (a subject request
 * still finds the archived copy) and carries the archive's own expiry.
 */
export async function archiveItem(scope: ActionScope, item: StoredItem, archiveExpiresAt: Date): Promise<void> {
  const { records, content, archive } = stores(scope);
  const dataClass = item.class as DataClass;
  const key = archiveObjectKey(scope.tenantId, dataClass, scope.now, item.pk, item.sk);
  const contentKeys = contentKeysOfItem(scope.tenantId, item);
  // Held records are never archived (the sweep skips them): the archived copy starts in the backstop.
  const tags = backstopTags('on');
  await archive.put(key, Buffer.from(JSON.stringify(archivedRecord(item, scope.now, scope.region)), 'utf8'), {
    contentType: 'application/json',
    tags,
  });
  const archiveKeys = [key];
  for (const [index, contentKey] of contentKeys.entries()) {
    const object = await content.get(contentKey);
    if (!object) continue;
    const copy = `${key.replace(/\.json$/, '')}.content-${index}`;
    await archive.put(copy, object.bytes, { ...(object.contentType ? { contentType: object.contentType } : {}), tags });
    archiveKeys.push(copy);
  }
  // The live record leaves for the archive tier: plain copies of it must not outlive it there.
  await deleteCopiesOfPartition(scope.deps, item.pk, dataClass);
  const expiresAt = ttlEpochSeconds(archiveExpiresAt);
  const dekId = dekIdOf(item);
  const pointer: StoredItem = {
    pk: item.pk,
    sk: archivePointerSortKey(item.sk),
    tenantId: scope.tenantId,
    class: dataClass,
    tier: 'archived',
    archivedAt: scope.now.toISOString(),
    archiveKeys,
    ...(typeof item.createdAt === 'string' ? { createdAt: item.createdAt } : {}),
    ...(dekId ? { dekId } : {}),
    ...(typeof item.sealedIn === 'string' ? { sealedIn: item.sealedIn } : {}),
    expiresAt,
    expiryBucket: expiryBucket(scope.tenantId, dataClass, expiresAt, shardSeed(item)),
  };
  await unlessGone(() =>
    records.transactWrite([
      { kind: 'put', item: pointer },
      { kind: 'delete', key: keyOf(item), condition: { kind: 'present' } },
    ]),
  );
  await deleteEveryVersion(content, contentKeys);
  await keepSubjectEntriesUntil(scope, item.pk, expiresAt);
}

/** The archived copy's retention ended: every version of its objects, then its pointer (or partition). */
export async function deleteArchived(scope: ActionScope, pointer: StoredItem, wholePartition: boolean): Promise<void> {
  const keys = Array.isArray(pointer.archiveKeys)
    ? pointer.archiveKeys.filter((k): k is string => typeof k === 'string')
    : [];
  await deleteEveryVersion(stores(scope).archive, keys);
  if (wholePartition) await deletePartition(scope, pointer.pk);
  else await deleteItems(scope, [pointer]);
}

/** A litigation batch's Object Lock retention ended: every version of the batch, then its registry entry. */
export async function destroyBatch(scope: ActionScope, entry: StoredItem): Promise<void> {
  const { litigation, records } = stores(scope);
  if (typeof entry.objectKey === 'string') await litigation.deleteAllVersions(entry.objectKey);
  await deleteSubjectLinks(records, entry);
  await records.deleteItems([keyOf(entry)]);
}

/**
 * After a record of a partition was deleted or anonymised: when nothing personal is left in it (no
 * sealed fields, no archived copy), it leaves the subject index and its data key is shredded, so
 * no copy of what it once held can be read again.
 */
export async function settlePartition(scope: ActionScope, pk: string): Promise<void> {
  const { records } = stores(scope);
  const entries: ItemKey[] = [];
  let cursor: string | undefined;
  do {
    const page = await records.queryPartition(pk, { cursor, consistent: true });
    for (const item of page.items) {
      // `sealed: true`: a finalised recording pointer, whose object is sealed under this key.
      if (typeof item.sealed === 'string' || item.sealed === true || item.tier === 'archived') return;
      if (isSubjectIndexEntry(item)) entries.push(keyOf(item));
    }
    cursor = page.cursor;
  } while (cursor);
  if (entries.length) await records.deleteItems(entries);
  const partition = parsePartitionKey(pk);
  if (partition) await scope.deps.vault.shred(scope.region, scope.tenantId, partition.id, { partition: pk });
}

/**
 * Records leaving one by one let go of the shared data key they name (a chatbot session's), before
 * they go: the partition's own key waits for settlePartition, but a shared key is named only by
 * the record, and anonymising removes the name. One record of a partition holds the sealed data a
 * shared key protects (an event, or its archive pointer), so its going is the partition's release.
 */
async function releaseSharedKeys(scope: ActionScope, items: readonly StoredItem[]): Promise<void> {
  for (const item of items)
    if (typeof item.dekId === 'string' && isSharedDataKeyId(item.dekId))
      await scope.deps.vault.shred(scope.region, scope.tenantId, item.dekId, { partition: item.pk });
}

/** Subject-index entries with a TTL of their own must outlive the archived copy they lead to. */
async function keepSubjectEntriesUntil(scope: ActionScope, pk: string, expiresAt: number): Promise<void> {
  const { records } = stores(scope);
  for (const entry of await entriesOfPartition(records, pk))
    if (typeof entry.expiresAt === 'number' && entry.expiresAt < expiresAt)
      await unlessGone(() => records.update(keyOf(entry), { set: { expiresAt } }, { kind: 'present' }));
}
