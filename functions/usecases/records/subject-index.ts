import type { DataClass, IdentifierKind } from '../../domain/data-class';
import { SUBJECT_ENTRY_PREFIX } from '../../domain/record-keys';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { ItemKey, RecordStore, StoredItem } from '../../ports/record-store';
import { allPages } from './pages';
import type { RecordMeta } from './record-items';

/**
 * The subject index (docs/storage-layout.md): one entry per identifier of a record, in the record's
 * own partition under `SUBJ#<kind>#<hmacHex>`, and listed by the `bySubject` index under
 * `T#<tenantId>#<hmacHex>`. This module is the only place that spells either key
 * (test/unit/architecture/key-ownership.test.ts keeps it so).
 */

/** An entry found through the `bySubject` index: the partition it points to, the identifier and the record's class. */
export interface SubjectIndexEntry extends ItemKey {
  kind: IdentifierKind;
  hmacHex: string;
  class: DataClass;
}

/** The `bySubject` partition of one keyed hash of a tenant. */
const subjectIndexKey = (tenantId: string, hmacHex: string): string => `T#${tenantId}#${hmacHex}`;

/** The key of the entry filing partition `pk` under one identifier. */
export const subjectIndexEntryKey = (pk: string, kind: IdentifierKind, hmacHex: string): ItemKey => ({
  pk,
  sk: `${SUBJECT_ENTRY_PREFIX}${kind}#${hmacHex}`,
});

export const isSubjectIndexSortKey = (sk: string): boolean => sk.startsWith(SUBJECT_ENTRY_PREFIX);
/** A subject-index entry, not a record (a scanned item may lack a sort key). */
export const isSubjectIndexEntry = (item: { sk?: string }): boolean =>
  typeof item.sk === 'string' && isSubjectIndexSortKey(item.sk);

/** The identifier kind and keyed hash an entry's sort key files it under. */
export function parseSubjectIndexSortKey(sk: string): { kind: IdentifierKind; hmacHex: string } {
  const [kind, hmacHex] = sk.slice(SUBJECT_ENTRY_PREFIX.length).split('#');
  return { kind: kind as IdentifierKind, hmacHex };
}
export const indexedHmacOf = (entry: { sk: string }): string => parseSubjectIndexSortKey(entry.sk).hmacHex;

/**
 * The entries of a record, one per subject key, written in the same transaction as the record.
 * They expire with it but carry no `expiryBucket`: they go when the sweep deletes or anonymises
 * the record they point to.
 */
export function subjectIndexItems(pk: string, keys: readonly SubjectKey[], meta: RecordMeta): StoredItem[] {
  return keys.map((k) => ({
    ...subjectIndexEntryKey(pk, k.kind, k.hmacHex),
    tenantId: meta.tenantId,
    subjectKey: subjectIndexKey(meta.tenantId, k.hmacHex),
    kind: k.kind,
    class: meta.class,
    createdAt: meta.createdAt,
    expiresAt: meta.expiresAt,
  }));
}

/** The entry re-filed under a corrected identifier's keyed hash (rectification): same partition, kind and attributes. */
export function rekeyedEntry(entry: StoredItem, tenantId: string, newHmac: string): StoredItem {
  const { kind } = parseSubjectIndexSortKey(entry.sk);
  return { ...entry, ...subjectIndexEntryKey(entry.pk, kind, newHmac), subjectKey: subjectIndexKey(tenantId, newHmac) };
}

/** Every entry the `bySubject` index of this region lists under one keyed hash of the tenant (all pages). */
export async function entriesOfSubject(
  records: RecordStore,
  tenantId: string,
  hmacHex: string,
): Promise<SubjectIndexEntry[]> {
  const hits = await allPages((cursor) => records.queryBySubject(subjectIndexKey(tenantId, hmacHex), { cursor }));
  return hits.map((hit) => ({ ...hit, ...parseSubjectIndexSortKey(hit.sk) }));
}

/** Every subject-index entry of one partition, read consistently (all pages). */
export function entriesOfPartition(records: RecordStore, pk: string): Promise<StoredItem[]> {
  return allPages((cursor) => records.queryPartition(pk, { skPrefix: SUBJECT_ENTRY_PREFIX, cursor, consistent: true }));
}
