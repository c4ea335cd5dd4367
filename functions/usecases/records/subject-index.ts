import type { DataClass, IdentifierKind } from '../../domain/data-class';
import { SUBJECT_ENTRY_PREFIX } from '../../domain/record-keys';
import { NAME_PREFIX_KIND, namePrefixKeysOf, type NamePrefixKey } from '../../domain/subject/name-prefixes';
import type { SubjectKey } from '../../domain/subject/subject-key';
import type { ItemKey, RecordStore, StoredItem, SubjectHit } from '../../ports/record-store';
import { allPages } from './pages';
import type { RecordMeta } from './record-items';

/**
 * The subject index (docs/storage-layout.md): one entry per identifier of a record, in the record's
 * own partition under `SUBJ#<kind>#<hmacHex>`, and listed by the `bySubject` index under
 * `T#<tenantId>#<hmacHex>`. This module is the only place that spells either key
 * (test/unit/architecture/key-ownership.test.ts keeps it so). An interaction also has one entry
 * per prefix of its participant's name words (kind `namePrefix`, domain/subject/name-prefixes.ts),
 * read only by the search by name start: it lives and goes with the partition like the others, but
 * never names the subject (see namesSubject).
 */

/** What an entry is filed under: an identifier, or a name prefix. */
export type IndexEntryKind = IdentifierKind | typeof NAME_PREFIX_KIND;
export type IndexKey = SubjectKey | NamePrefixKey;

/** An entry found through the `bySubject` index: the partition it points to, the identifier and the record's class. */
export interface SubjectIndexEntry extends ItemKey {
  kind: IdentifierKind;
  hmacHex: string;
  class: DataClass;
}

/** The `bySubject` partition of one keyed hash of a tenant. */
const subjectIndexKey = (tenantId: string, hmacHex: string): string => `T#${tenantId}#${hmacHex}`;

/** The key of the entry filing partition `pk` under one identifier. */
export const subjectIndexEntryKey = (pk: string, kind: IndexEntryKind, hmacHex: string): ItemKey => ({
  pk,
  sk: `${SUBJECT_ENTRY_PREFIX}${kind}#${hmacHex}`,
});

export const isSubjectIndexSortKey = (sk: string): boolean => sk.startsWith(SUBJECT_ENTRY_PREFIX);
/** A subject-index entry, not a record (a scanned item may lack a sort key). */
export const isSubjectIndexEntry = (item: { sk?: string }): boolean =>
  typeof item.sk === 'string' && isSubjectIndexSortKey(item.sk);

/** The identifier kind (or `namePrefix`) and keyed hash an entry's sort key files it under. */
export function parseSubjectIndexSortKey(sk: string): { kind: IndexEntryKind; hmacHex: string } {
  const [kind, hmacHex] = sk.slice(SUBJECT_ENTRY_PREFIX.length).split('#');
  return { kind: kind as IndexEntryKind, hmacHex };
}
export const indexedHmacOf = (entry: { sk: string }): string => parseSubjectIndexSortKey(entry.sk).hmacHex;

const isNamePrefixSortKey = (sk: string) => parseSubjectIndexSortKey(sk).kind === NAME_PREFIX_KIND;
/** An entry under a prefix of a name word, read only by the search by name start. */
export const isNamePrefixEntry = (item: { sk?: string }): boolean =>
  isSubjectIndexEntry(item) && isNamePrefixSortKey(item.sk as string);
/**
 * An entry under a whole identifier, which names its subject: what subject requests, holds,
 * consent standing and litigation links act on. A name-prefix entry is shared by every name
 * starting so ("ann": Anna and Annabelle) and must never stand for a person.
 */
export const namesSubject = (item: { sk?: string }): item is { sk: string } =>
  isSubjectIndexEntry(item) && !isNamePrefixSortKey(item.sk as string);
/** The keyed hashes a partition's entries name its subject by (whole identifiers only), without repeats. */
export const subjectHmacsOfEntries = (items: readonly { sk?: string }[]): string[] => [
  ...new Set(items.filter(namesSubject).map(indexedHmacOf)),
];

/**
 * The name-prefix keys a record is indexed under, besides its subject keys: only interactions,
 * the one class searched by name start (other records would pay entries nothing reads).
 */
export const namePrefixKeysFor = (
  dataClass: DataClass,
  name: string | undefined,
  secret: Uint8Array,
): NamePrefixKey[] => (dataClass === 'interaction' ? namePrefixKeysOf(name, secret) : []);

/**
 * The entries of a record, one per subject key, written in the same transaction as the record.
 * They expire with it but carry no `expiryBucket`: they go when the sweep deletes or anonymises
 * the record they point to.
 */
export function subjectIndexItems(pk: string, keys: readonly IndexKey[], meta: RecordMeta): StoredItem[] {
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
  return siblingEntry(entry, tenantId, { kind: parseSubjectIndexSortKey(entry.sk).kind, hmacHex: newHmac });
}

/** An entry of the same partition and attributes (class, dates, held expiry) as `entry`, filed under another key. */
export function siblingEntry(
  entry: StoredItem,
  tenantId: string,
  key: { kind: IndexEntryKind; hmacHex: string },
): StoredItem {
  return {
    ...entry,
    ...subjectIndexEntryKey(entry.pk, key.kind, key.hmacHex),
    kind: key.kind,
    subjectKey: subjectIndexKey(tenantId, key.hmacHex),
  };
}

/**
 * How a partition's name-prefix entries must change for its name entry to be found by the word
 * prefixes of `wanted` (namePrefixKeysFor): the entries missing, filed beside the name entry with
 * its attributes, and the keys of prefixes no longer wanted: those filed among `entries` (the
 * partition's) and those of the `former` name whether read or not, so an entry another writer
 * (the backfill) filed after `entries` were read goes too. Deleting an absent key is harmless.
 */
export function namePrefixChanges(
  nameEntry: StoredItem,
  tenantId: string,
  wanted: readonly NamePrefixKey[],
  entries: readonly StoredItem[],
  former: readonly NamePrefixKey[] = [],
): { missing: StoredItem[]; stale: ItemKey[] } {
  const filedHmacs = new Set(entries.filter(isNamePrefixEntry).map(indexedHmacOf));
  const wantedHmacs = new Set(wanted.map((k) => k.hmacHex));
  const staleHmacs = new Set([...filedHmacs, ...former.map((k) => k.hmacHex)].filter((h) => !wantedHmacs.has(h)));
  return {
    missing: wanted.filter((k) => !filedHmacs.has(k.hmacHex)).map((k) => siblingEntry(nameEntry, tenantId, k)),
    stale: [...staleHmacs].map((hmacHex) => subjectIndexEntryKey(nameEntry.pk, NAME_PREFIX_KIND, hmacHex)),
  };
}

const listedUnder = (records: RecordStore, tenantId: string, hmacHex: string, atMost?: number) =>
  allPages((cursor) => records.queryBySubject(subjectIndexKey(tenantId, hmacHex), { cursor }), atMost);

/**
 * Every entry the `bySubject` index of this region lists under one keyed hash of the tenant (all
 * pages) that names a subject: never a name-prefix entry, whatever hash is asked for.
 */
export async function entriesOfSubject(
  records: RecordStore,
  tenantId: string,
  hmacHex: string,
): Promise<SubjectIndexEntry[]> {
  const hits = (await listedUnder(records, tenantId, hmacHex)).filter(namesSubject);
  return hits.map((hit) => ({ ...hit, ...parseSubjectIndexSortKey(hit.sk) }) as SubjectIndexEntry);
}

/**
 * The entries filed under one name prefix's keyed hash in this region, for search only; reading
 * stops once more than `atMost` are found (a common prefix may name much of a tenant).
 */
export async function entriesOfNamePrefix(
  records: RecordStore,
  tenantId: string,
  hmacHex: string,
  atMost: number,
): Promise<SubjectHit[]> {
  return (await listedUnder(records, tenantId, hmacHex, atMost)).filter((hit) => isNamePrefixSortKey(hit.sk));
}

/** Every subject-index entry of one partition, read consistently (all pages). */
export function entriesOfPartition(records: RecordStore, pk: string): Promise<StoredItem[]> {
  return allPages((cursor) => records.queryPartition(pk, { skPrefix: SUBJECT_ENTRY_PREFIX, cursor, consistent: true }));
}
