import { ulid } from 'ulid';
import type { RecordStore, StoredItem } from '../../functions/ports/record-store';
import { WriteConflict } from '../../functions/ports/write-conflict';

/**
 * What every RecordStore does, whichever its storage: the DynamoDB adapter against DynamoDB Local
 * (test/integration/adapters/record-store.test.ts) and the in-memory twin
 * (test/unit/adapters/in-memory-record-store.test.ts) run these same cases.
 */
export interface RecordStoreUnderTest {
  records: RecordStore;
  /** A tenant id of its own for every case, so cases never see each other's data. */
  freshTenant: () => string;
}

const NOW = 1_709_283_600; // 2024-03-01T09:00:00Z, epoch seconds

/** General info of an interaction and the index entry for one of its identifiers. */
export function interaction(tenantId: string, interactionId = ulid(), hmacHex = 'a1'.repeat(32)) {
  const pk = `T#${tenantId}#I#${interactionId}`;
  const info: StoredItem = {
    pk,
    sk: 'INFO',
    tenantId,
    class: 'interaction',
    createdAt: '2024-03-01T09:00:00.000Z',
    expiresAt: NOW + 86_400,
    channel: 'chat',
  };
  const index: StoredItem = {
    pk,
    sk: `SUBJ#email#${hmacHex}`,
    tenantId,
    subjectKey: `T#${tenantId}#${hmacHex}`,
    kind: 'email',
    class: 'interaction',
  };
  return { pk, info, index, subjectKey: index.subjectKey as string };
}

export function recordStoreContract(subject: () => RecordStoreUnderTest): void {
  let records: RecordStore;
  let freshTenant: () => string;
  beforeAll(() => {
    ({ records, freshTenant } = subject());
  });

  it('writes a record and its subject-index entries in one transaction, found again through bySubject', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chat = interaction(tenantId);
    // Act
    await records.transactWrite([
      { kind: 'put', item: chat.info, condition: { kind: 'absent' } },
      { kind: 'put', item: chat.index },
    ]);
    // Assess
    const partition = await records.queryPartition(chat.pk);
    expect(partition.items.map((i) => i.sk)).toEqual(['INFO', chat.index.sk]);
    const hits = await records.queryBySubject(chat.subjectKey);
    expect(hits.items).toEqual([{ pk: chat.pk, sk: chat.index.sk, kind: 'email', class: 'interaction' }]);
  });

  it('leaves nothing half-written when one condition of a transaction fails', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chat = interaction(tenantId);
    await records.put(chat.info, { kind: 'absent' });
    const secondEntry = {
      ...chat.index,
      sk: `SUBJ#phone#${'b2'.repeat(32)}`,
      subjectKey: `T#${tenantId}#${'b2'.repeat(32)}`,
      kind: 'phone',
    };
    // Act
    const writing = records.transactWrite([
      { kind: 'put', item: secondEntry },
      { kind: 'put', item: { ...chat.info, channel: 'sms' }, condition: { kind: 'absent' } },
    ]);
    // Assess
    const conflict = await writing.catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(WriteConflict);
    expect(conflict).toMatchObject({ index: 1, existing: { sk: 'INFO', channel: 'chat' } });
    const partition = await records.queryPartition(chat.pk, { consistent: true });
    expect(partition.items).toEqual([chat.info]);
  });

  it('writes a message only while a checked item (its interaction) exists', async () => {
    // Prepare
    const tenantId = freshTenant();
    const [known, unknown] = [interaction(tenantId), interaction(tenantId)];
    await records.put(known.info);
    const append = (c: typeof known) =>
      records.transactWrite([
        { kind: 'check', key: { pk: c.pk, sk: 'INFO' }, condition: { kind: 'present' } },
        {
          kind: 'put',
          item: { pk: c.pk, sk: 'MSG#2024-03-01T09:01:00.000Z#000000', tenantId, class: 'transcript', sealed: 'x' },
        },
      ]);
    // Act
    await append(known);
    const orphan = await append(unknown).catch((e: unknown) => e);
    // Assess
    expect((await records.queryPartition(known.pk, { skPrefix: 'MSG#' })).items).toHaveLength(1);
    expect(orphan).toMatchObject({ name: 'WriteConflict', index: 0 });
    expect((await records.queryPartition(unknown.pk, { consistent: true })).items).toEqual([]);
  });

  it('deletes a whole partition, its index entries with it, whatever its size', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chat = interaction(tenantId);
    await records.transactWrite([
      { kind: 'put', item: chat.info },
      { kind: 'put', item: chat.index },
    ]);
    for (let seq = 0; seq < 60; seq++)
      await records.put({
        pk: chat.pk,
        sk: `MSG#2024-03-01T09:00:00.000Z#${String(seq).padStart(6, '0')}`,
        tenantId,
        class: 'transcript',
        sealed: 'x',
      });
    // Act
    const deleted = await records.deletePartition(chat.pk);
    // Assess
    expect(deleted).toBe(62);
    expect((await records.queryPartition(chat.pk, { consistent: true })).items).toEqual([]);
    expect((await records.queryBySubject(chat.subjectKey)).items).toEqual([]);
  });

  it('finds through byExpiry only the items of a bucket whose expiry has come, page by page', async () => {
    // Prepare
    const tenantId = freshTenant();
    const bucket = `T#${tenantId}#transcript#2024-03-01#0`;
    const item = (sk: string, expiresAt: number): StoredItem => ({
      pk: `T#${tenantId}#I#${ulid()}`,
      sk,
      tenantId,
      class: 'transcript',
      expiresAt,
      expiryBucket: bucket,
    });
    const [past, now, future, earlier] = [
      item('MSG#a', NOW - 3600),
      item('MSG#b', NOW),
      item('MSG#c', NOW + 1),
      item('MSG#d', NOW - 7200),
    ];
    for (const i of [past, now, future, earlier]) await records.put(i);
    // Act
    const first = await records.queryDue(bucket, NOW, { limit: 2 });
    const second = await records.queryDue(bucket, NOW, { cursor: first.cursor, limit: 2 });
    const third = second.cursor
      ? await records.queryDue(bucket, NOW, { cursor: second.cursor, limit: 2 })
      : { items: [] };
    // Assess
    const due = [...first.items, ...second.items, ...third.items];
    expect(due).toEqual([
      { pk: earlier.pk, sk: 'MSG#d', expiresAt: NOW - 7200 },
      { pk: past.pk, sk: 'MSG#a', expiresAt: NOW - 3600 },
      { pk: now.pk, sk: 'MSG#b', expiresAt: NOW },
    ]);
  });

  it("refuses a cursor taken from another tenant's partition", async () => {
    // Prepare
    const [mine, theirs] = [interaction(freshTenant()), interaction(freshTenant())];
    for (const c of [mine, theirs])
      await records.transactWrite([
        { kind: 'put', item: c.info },
        { kind: 'put', item: c.index },
      ]);
    const theirCursor = (await records.queryPartition(theirs.pk, { limit: 1 })).cursor;
    // Act
    const reading = records.queryPartition(mine.pk, { cursor: theirCursor });
    // Assess
    await expect(reading).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'nextToken', message: expect.any(String) }],
    });
  });

  it('updates an item only while its condition holds (optimistic concurrency)', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chat = interaction(tenantId);
    await records.put({ ...chat.info, version: 1 });
    // Act
    const updated = await records.update(
      { pk: chat.pk, sk: 'INFO' },
      { set: { endedAt: '2024-03-01T09:30:00.000Z' }, add: { version: 1 } },
      { kind: 'matches', attributes: { version: 1 } },
    );
    const stale = records.update(
      { pk: chat.pk, sk: 'INFO' },
      { set: { endedAt: 'later' } },
      { kind: 'matches', attributes: { version: 1 } },
    );
    // Assess
    expect(updated).toMatchObject({ endedAt: '2024-03-01T09:30:00.000Z', version: 2 });
    await expect(stale).rejects.toBeInstanceOf(WriteConflict);
  });

  it('treats an item whose expiry has passed as absent for absentOrExpired', async () => {
    // Prepare
    const tenantId = freshTenant();
    const key = { pk: `T#${tenantId}#IDEM#k1`, sk: 'IDEM' };
    await records.put({ ...key, tenantId, expiresAt: NOW - 1 });
    // Act
    await records.put(
      { ...key, tenantId, expiresAt: NOW + 3600, result: 'second' },
      { kind: 'absentOrExpired', now: NOW },
    );
    const again = records.put({ ...key, tenantId, expiresAt: NOW + 7200 }, { kind: 'absentOrExpired', now: NOW });
    // Assess
    await expect(again).rejects.toMatchObject({ existing: { result: 'second' } });
  });

  it('reads a partition in sort-key order, forwards or backwards, by prefix, page by page without gaps or repeats', async () => {
    // Prepare
    const chat = interaction(freshTenant());
    const sks = [
      'INFO',
      'MSG#2024-03-01T09:00:00.000Z#000001',
      'MSG#2024-03-01T09:00:00.000Z#000000',
      'REC#01',
      'MSG#2024-03-01T09:05:00.000Z#000000',
    ];
    for (const sk of sks) await records.put({ pk: chat.pk, sk, tenantId: 'x' });
    const all = async (options: { skPrefix?: string; descending?: boolean }) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await records.queryPartition(chat.pk, { ...options, limit: 2, cursor, consistent: true });
        seen.push(...page.items.map((i) => i.sk));
        cursor = page.cursor;
      } while (cursor);
      return seen;
    };
    // Act
    const forwards = await all({});
    const messagesBackwards = await all({ skPrefix: 'MSG#', descending: true });
    // Assess
    expect(forwards).toEqual([
      'INFO',
      'MSG#2024-03-01T09:00:00.000Z#000000',
      'MSG#2024-03-01T09:00:00.000Z#000001',
      'MSG#2024-03-01T09:05:00.000Z#000000',
      'REC#01',
    ]);
    expect(messagesBackwards).toEqual([
      'MSG#2024-03-01T09:05:00.000Z#000000',
      'MSG#2024-03-01T09:00:00.000Z#000001',
      'MSG#2024-03-01T09:00:00.000Z#000000',
    ]);
  });

  it('orders sort keys by their UTF-8 bytes', async () => {
    // Prepare: U+FF21 sorts before U+1F600 in UTF-8, after it in UTF-16 code units
    const chat = interaction(freshTenant());
    for (const sk of ['K#\u{1F600}', 'K#\uFF21', 'K#a']) await records.put({ pk: chat.pk, sk });
    // Act
    const page = await records.queryPartition(chat.pk, { consistent: true });
    // Assess
    expect(page.items.map((i) => i.sk)).toEqual(['K#a', 'K#\uFF21', 'K#\u{1F600}']);
  });

  it('keeps an item whose expiresAt has passed: TTL is a backstop, reads hide expired records themselves', async () => {
    // Prepare
    const chat = interaction(freshTenant());
    const expired = { ...chat.info, expiresAt: NOW - 86_400 };
    // Act
    await records.put(expired);
    // Assess
    expect(await records.get({ pk: chat.pk, sk: 'INFO' }, { consistent: true })).toEqual(expired);
  });

  it('gives back the values it was given: bytes, lists, nested maps; an undefined attribute is not stored', async () => {
    // Prepare
    const chat = interaction(freshTenant());
    const item = {
      ...chat.info,
      sealed: new Uint8Array([0, 1, 254, 255]),
      flags: ['deny_recording'],
      consent: { recording: true, at: '2024-03-01T09:00:00.000Z' },
      endedAt: undefined,
    };
    // Act
    await records.put(item);
    item.flags.push('changed after the put');
    const read = await records.get({ pk: chat.pk, sk: 'INFO' }, { consistent: true });
    // Assess
    expect(read).toEqual({
      ...chat.info,
      sealed: new Uint8Array([0, 1, 254, 255]),
      flags: ['deny_recording'],
      consent: item.consent,
    });
    expect(read).not.toHaveProperty('endedAt');
  });

  it('refuses a transaction with two operations on one item, and writes nothing of it', async () => {
    // Prepare
    const chat = interaction(freshTenant());
    // Act
    const writing = records.transactWrite([
      { kind: 'put', item: chat.index },
      { kind: 'put', item: chat.info },
      { kind: 'update', key: { pk: chat.pk, sk: 'INFO' }, changes: { set: { channel: 'sms' } } },
    ]);
    // Assess
    const refusal = await writing.catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(Error);
    expect(refusal).not.toBeInstanceOf(WriteConflict);
    expect((await records.queryPartition(chat.pk, { consistent: true })).items).toEqual([]);
  });

  it('creates the item an unconditional update names, counting a missing number from 0; `present` refuses a missing one', async () => {
    // Prepare
    const tenantId = freshTenant();
    const counter = { pk: `T#${tenantId}#C`, sk: 'DAY#2024-03-01' };
    const missing = { pk: `T#${tenantId}#C`, sk: 'DAY#2024-03-02' };
    // Act
    const first = await records.update(counter, { add: { calls: 2 }, set: { tenantId } });
    const second = await records.update(counter, { add: { calls: 3 }, remove: ['tenantId'] });
    const refused = await records.update(missing, { set: { tenantId } }, { kind: 'present' }).catch((e: unknown) => e);
    // Assess
    expect(first).toEqual({ ...counter, calls: 2, tenantId });
    expect(second).toEqual({ ...counter, calls: 5 });
    expect(refused).toBeInstanceOf(WriteConflict);
    expect(await records.get(missing, { consistent: true })).toBeUndefined();
  });

  it('indexes by subject only the items that carry a subjectKey, with their kind and class', async () => {
    // Prepare
    const tenantId = freshTenant();
    const [one, two] = [interaction(tenantId), interaction(tenantId)];
    const subjectKey = one.subjectKey;
    for (const c of [one, two])
      await records.transactWrite([
        { kind: 'put', item: c.info },
        { kind: 'put', item: { ...c.index, sealed: 'not projected' } },
      ]);
    // Act
    const first = await records.queryBySubject(subjectKey, { limit: 1 });
    const rest = await records.queryBySubject(subjectKey, { cursor: first.cursor });
    // Assess
    const hits = [...first.items, ...rest.items];
    expect(hits).toEqual(
      [one, two]
        .sort((a, b) => (a.pk < b.pk ? -1 : 1))
        .map((c) => ({ pk: c.pk, sk: c.index.sk, kind: 'email', class: 'interaction' })),
    );
  });

  it("refuses a byExpiry cursor of another bucket, and one past the query's now", async () => {
    // Prepare
    const tenantId = freshTenant();
    const bucket = (day: string) => `T#${tenantId}#transcript#${day}#0`;
    for (const [sk, day] of [
      ['MSG#a', '2024-03-01'],
      ['MSG#b', '2024-03-01'],
      ['MSG#c', '2024-03-02'],
      ['MSG#d', '2024-03-02'],
    ])
      await records.put({ pk: `T#${tenantId}#I#${ulid()}`, sk, expiresAt: NOW - 60, expiryBucket: bucket(day) });
    const cursor = (await records.queryDue(bucket('2024-03-02'), NOW, { limit: 1 })).cursor;
    // Act
    const foreign = records.queryDue(bucket('2024-03-01'), NOW, { cursor });
    const earlier = records.queryDue(bucket('2024-03-02'), NOW - 3600, { cursor });
    // Assess
    for (const reading of [foreign, earlier])
      await expect(reading).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: [{ path: 'nextToken' }] });
  });

  it('deletes the keys it is given, a missing one included, and counts them', async () => {
    // Prepare
    const chat = interaction(freshTenant());
    await records.transactWrite([
      { kind: 'put', item: chat.info },
      { kind: 'put', item: chat.index },
    ]);
    // Act
    const deleted = await records.deleteItems([
      { pk: chat.pk, sk: 'INFO' },
      { pk: chat.pk, sk: 'NEVER#WRITTEN' },
    ]);
    // Assess
    expect(deleted).toBe(2);
    expect((await records.queryPartition(chat.pk, { consistent: true })).items).toEqual([chat.index]);
  });

  it("scans one tenant's items and no other tenant's", async () => {
    // Prepare
    const [mine, theirs] = [interaction(freshTenant()), interaction(freshTenant())];
    for (const c of [mine, theirs])
      await records.transactWrite([
        { kind: 'put', item: { ...c.info, dekId: 'dek-1' } },
        { kind: 'put', item: c.index },
      ]);
    // Act
    const scanned = [];
    for await (const item of records.scanTenant(mine.info.tenantId as string)) scanned.push(item);
    // Assess
    expect(scanned.sort((a, b) => (String(a.sk) < String(b.sk) ? -1 : 1))).toEqual([
      { pk: mine.pk, sk: 'INFO', class: 'interaction', expiresAt: NOW + 86_400, dekId: 'dek-1' },
      { pk: mine.pk, sk: mine.index.sk, class: 'interaction' },
    ]);
  });

  it('reads items back as plain JSON-shaped objects at every level, as the document client gives them', async () => {
    // Prepare
    const tenantId = freshTenant();
    const chat = interaction(tenantId);
    await records.put({ ...chat.info, detail: { queue: 'sales', tags: [{ name: 'vip' }] } });
    // Act
    const read = (await records.get({ pk: chat.pk, sk: 'INFO' })) as StoredItem & {
      detail: { tags: Array<Record<string, unknown>> };
    };
    // Assess: hashing code (canonical JSON) accepts only objects whose prototype is Object.prototype
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(read.detail)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(read.detail.tags[0])).toBe(Object.prototype);
    expect(Array.isArray(read.detail.tags)).toBe(true);
  });
}
