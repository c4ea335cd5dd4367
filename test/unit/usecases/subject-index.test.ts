import { InMemoryRecordStore } from '../../../functions/adapters/memory/record-store';
import { interactionPartition, partitionKey } from '../../../functions/domain/record-keys';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import type { PageRequest, RecordStore } from '../../../functions/ports/record-store';
import type { RecordMeta } from '../../../functions/usecases/records/record-items';
import {
  entriesOfPartition,
  entriesOfSubject,
  indexedHmacOf,
  isSubjectIndexEntry,
  rekeyedEntry,
  subjectIndexEntryKey,
  subjectIndexItems,
} from '../../../functions/usecases/records/subject-index';

const SECRET = new Uint8Array(32).fill(7);
const ANNA = subjectKeysOf({ email: 'anna@example.org', phone: '+33612345678' }, SECRET, '33');
const emailOf = (keys: typeof ANNA) => {
  const key = keys.find((k) => k.kind === 'email');
  if (!key) throw new Error('an e-mail key is expected');
  return key;
};
const BOB = subjectKeysOf({ email: 'bob@example.org' }, SECRET, '33');
const metaOf = (tenantId: string, dataClass: RecordMeta['class'] = 'interaction'): RecordMeta => ({
  tenantId,
  class: dataClass,
  createdAt: '2026-12-01T10:00:00.000Z',
  expiresAt: 1_900_000_000,
  expiryBucket: 'unused',
});

/** The records table answering one item per page, as DynamoDB does once a page hits its size limit. */
function onePerPage(records: RecordStore): RecordStore {
  const one = (page: PageRequest = {}) => ({ ...page, limit: 1 });
  return Object.assign(Object.create(records) as RecordStore, {
    queryBySubject: (key: string, page?: PageRequest) => records.queryBySubject(key, one(page)),
    queryPartition: (pk: string, options: Parameters<RecordStore['queryPartition']>[1] = {}) =>
      records.queryPartition(pk, one(options)),
  });
}

/** Writes a record's root item and its index entries, as ingest does in one transaction. */
async function indexRecord(records: RecordStore, pk: string, keys: typeof ANNA, meta: RecordMeta) {
  await records.transactWrite([
    { kind: 'put', item: { pk, sk: 'INFO', tenantId: meta.tenantId, class: meta.class } },
    ...subjectIndexItems(pk, keys, meta).map((item) => ({ kind: 'put' as const, item })),
  ]);
}

describe('the subject index (functions/usecases/records/subject-index.ts) on the in-memory records table', () => {
  it('finds every partition filed under a subject key of the tenant, across pages, with its kind and class', async () => {
    // Prepare
    const records = new InMemoryRecordStore('eu-west-1');
    const chat = interactionPartition('t1', 'chat');
    const call = interactionPartition('t1', 'call');
    const consent = partitionKey('t1', 'consent', 'proof');
    await indexRecord(records, chat, ANNA, metaOf('t1'));
    await indexRecord(records, call, ANNA, metaOf('t1'));
    await indexRecord(records, consent, ANNA, metaOf('t1', 'consent'));
    await indexRecord(records, interactionPartition('t1', 'other'), BOB, metaOf('t1'));
    const email = emailOf(ANNA);

    // Act
    const entries = await entriesOfSubject(onePerPage(records), 't1', email.hmacHex);

    // Assess
    expect(entries.map(({ pk, kind, hmacHex, class: c }) => ({ pk, kind, hmacHex, class: c }))).toEqual(
      [chat, call, consent].sort().map((pk) => ({
        pk,
        kind: 'email',
        hmacHex: email.hmacHex,
        class: pk === consent ? 'consent' : 'interaction',
      })),
    );
  });

  it("never lists another tenant's partitions, even under the same keyed hash", async () => {
    // Prepare
    const records = new InMemoryRecordStore('eu-west-1');
    await indexRecord(records, interactionPartition('t2', 'theirs'), ANNA, metaOf('t2'));

    // Act
    const entries = await entriesOfSubject(records, 't1', emailOf(ANNA).hmacHex);

    // Assess
    expect(entries).toEqual([]);
  });

  it("reads a partition's index entries only, across pages, and each names the keyed hash it is filed under", async () => {
    // Prepare
    const records = new InMemoryRecordStore('eu-west-1');
    const chat = interactionPartition('t1', 'chat');
    await indexRecord(records, chat, ANNA, metaOf('t1'));
    await records.put({ pk: chat, sk: 'MSG#01', tenantId: 't1', class: 'transcript' });

    // Act
    const entries = await entriesOfPartition(onePerPage(records), chat);

    // Assess
    expect(entries.every(isSubjectIndexEntry)).toBe(true);
    expect(entries.map(indexedHmacOf).sort()).toEqual(ANNA.map((k) => k.hmacHex).sort());
  });

  it('tells index entries from records, scanned items without a sort key included', () => {
    // Prepare
    const [entry] = subjectIndexItems(interactionPartition('t1', 'chat'), ANNA, metaOf('t1'));

    // Act
    const verdicts = [entry, { sk: 'INFO' }, { sk: 'MSG#01' }, {}].map(isSubjectIndexEntry);

    // Assess
    expect(verdicts).toEqual([true, false, false, false]);
  });

  it('re-keys an entry to a corrected value: the old hash no longer finds the partition, the new one does', async () => {
    // Prepare
    const records = new InMemoryRecordStore('eu-west-1');
    const chat = interactionPartition('t1', 'chat');
    await indexRecord(records, chat, ANNA, metaOf('t1'));
    const oldEmail = emailOf(ANNA);
    const newEmail = emailOf(BOB);
    const entry = await records.get(subjectIndexEntryKey(chat, 'email', oldEmail.hmacHex));
    if (!entry) throw new Error('the entry was written above');

    // Act
    await records.transactWrite([
      { kind: 'delete', key: { pk: entry.pk, sk: entry.sk } },
      { kind: 'put', item: rekeyedEntry(entry, 't1', newEmail.hmacHex) },
    ]);

    // Assess
    expect(await entriesOfSubject(records, 't1', oldEmail.hmacHex)).toEqual([]);
    const found = await entriesOfSubject(records, 't1', newEmail.hmacHex);
    expect(found.map(({ pk, kind, class: c }) => ({ pk, kind, class: c }))).toEqual([
      { pk: chat, kind: 'email', class: 'interaction' },
    ]);
    const stored = await records.get(subjectIndexEntryKey(chat, 'email', newEmail.hmacHex));
    expect(stored).toMatchObject({ createdAt: entry.createdAt, expiresAt: entry.expiresAt, kind: 'email' });
    expect(await records.get(subjectIndexEntryKey(chat, 'email', oldEmail.hmacHex))).toBeUndefined();
  });
});
