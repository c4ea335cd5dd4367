import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { ulid } from 'ulid';
import type { StoredItem } from '../../../functions/ports/record-store';
import { WriteConflict } from '../../../functions/ports/write-conflict';
import { dynamoDbClient, homeRegion, localNames, regions } from '../../support/emulators';
import { freshTenant, testContainer } from './container';

const NOW = 1_709_283_600; // 2024-03-01T09:00:00Z, epoch seconds

/** General info of an interaction and the index entry for one of its identifiers. */
function interaction(tenantId: string, interactionId = ulid(), hmacHex = 'a1'.repeat(32)) {
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

describe('the records table of a region', () => {
  const { stores } = testContainer();
  const records = stores.storesFor(homeRegion()).records;

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

  it('writes to the table of the region it was asked for, and only there', async () => {
    // Prepare
    const other = regions().find((r) => r !== homeRegion());
    if (!other) throw new Error('the local stack serves one region; this test needs two (LETHE_REGIONS)');
    const chat = interaction(freshTenant());
    // Act
    await stores.storesFor(other).records.put(chat.info);
    // Assess
    const where = async (region: string) =>
      (
        await dynamoDbClient(region).send(
          new GetItemCommand({
            TableName: localNames(region).recordsTable,
            Key: { pk: { S: chat.pk }, sk: { S: 'INFO' } },
          }),
        )
      ).Item;
    expect(await where(other)).toBeDefined();
    expect(await where(homeRegion())).toBeUndefined();
    expect(() => stores.storesFor('ap-south-1')).toThrow(/not served/);
  });
});
