import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import JSZip from 'jszip';
import { ulid } from 'ulid';
import { viewOf } from '../../../functions/usecases/subject-requests/view-request';
import { dynamoDbClient, localNames, regions } from '../../support/emulators';
import { ingest, newTenant, runRequest, testContainer, testDeps, type Tenant } from './support';

type RawItem = Record<string, unknown> & { pk: string; sk: string };

/** Every item of the tenant in a table of every region, read straight from DynamoDB Local (a Scan: the test's own check). */
async function rawItems(tenantId: string, table: 'recordsTable' | 'keysTable'): Promise<RawItem[]> {
  const items: RawItem[] = [];
  for (const region of regions()) {
    const client = DynamoDBDocumentClient.from(dynamoDbClient(region));
    let start: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new ScanCommand({
          TableName: localNames(region)[table],
          FilterExpression: 'begins_with(pk, :t)',
          ExpressionAttributeValues: { ':t': `T#${tenantId}#` },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...((page.Items ?? []) as RawItem[]));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return items;
}

const eventPartitions = (items: readonly RawItem[]) =>
  [...new Set(items.filter((i) => i.pk.includes('#E#')).map((i) => i.pk.split('#E#')[1]))].sort();

/** The one data key the events `eventIds` were sealed under (they share it: one session, one day). */
function sharedKeyOf(items: readonly RawItem[], tenantId: string, eventIds: readonly string[]): string {
  const dekIds = new Set(
    items
      .filter((i) => i.sk === 'EVENT' && eventIds.some((id) => i.pk === `T#${tenantId}#E#${id}`))
      .map((i) => i.dekId),
  );
  expect(dekIds.size).toBe(1);
  return String([...dekIds][0]);
}

/** The users listed per shared key in the records table: key id → user partitions. */
function keyUsersOf(items: readonly RawItem[], tenantId: string): Record<string, string[]> {
  const prefix = `T#${tenantId}#KEYUSERS#`;
  const users: Record<string, string[]> = {};
  for (const i of items.filter((item) => item.pk.startsWith(prefix)))
    users[i.pk.slice(prefix.length)] = [...(users[i.pk.slice(prefix.length)] ?? []), i.sk].sort();
  return users;
}

/** A chatbot visitor: the session id the bot knows them by, and their two events (a question naming a marker, a rating). */
function visitor(label: string) {
  const sessionId = `${label}-${ulid()}`;
  const marker = `wombat${ulid().toLowerCase()}`;
  const at = new Date().toISOString();
  return {
    sessionId,
    marker,
    eventIds: [`${label}-q`, `${label}-r`],
    events: [
      {
        id: `${label}-q`,
        type: 'question',
        sessionId,
        userType: 'visitor',
        source: 'web',
        at,
        payload: { text: `where is my ${marker} order` },
      },
      { id: `${label}-r`, type: 'rating', sessionId, userType: 'visitor', source: 'web', at, payload: { value: 4 } },
    ],
  };
}

async function twoVisitors(): Promise<{
  tenant: Tenant;
  a: ReturnType<typeof visitor>;
  b: ReturnType<typeof visitor>;
}> {
  const tenant = await newTenant('inbenta');
  const [a, b] = [visitor('anna'), visitor('bruno')];
  await ingest(tenant, '/v1/events', { events: [...a.events, ...b.events] });
  return { tenant, a, b };
}

describe('chatbot events are reached by subject requests through the visitor id (their session id)', () => {
  it("erasing visitor A by visitor id deletes A's events, index entries and data keys; visitor B's events stay", async () => {
    // Prepare
    const c = testContainer();
    const { tenant, a, b } = await twoVisitors();
    const before = await rawItems(tenant.tenantId, 'recordsTable');

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'erase',
      identifiers: { visitorId: a.sessionId },
      options: {},
    });

    // Assess
    expect(eventPartitions(before)).toEqual([...a.eventIds, ...b.eventIds].sort());
    expect(job.status).toBe('completed');
    expect(job.result?.verification).toMatchObject({ remaining: 0, ok: true });
    expect(job.result?.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ store: 'records', dataClass: 'event', found: 2 })]),
    );
    const after = await rawItems(tenant.tenantId, 'recordsTable');
    expect(eventPartitions(after)).toEqual([...b.eventIds].sort());
    for (const id of b.eventIds)
      expect(after.filter((i) => i.pk === `T#${tenant.tenantId}#E#${id}`).map((i) => i.sk)).toEqual([
        'EVENT',
        expect.stringMatching(/^SUBJ#visitorId#[0-9a-f]{64}$/),
      ]);
    // The events of one session (and day) were sealed under one shared key: A's is destroyed, B's stays.
    const keys = (await rawItems(tenant.tenantId, 'keysTable')).map((k) => k.dekId);
    const [keyOfA, keyOfB] = [a, b].map((v) => sharedKeyOf(before, tenant.tenantId, v.eventIds));
    expect(keys).not.toContain(keyOfA);
    expect(keys).toContain(keyOfB);
    expect(keyUsersOf(after, tenant.tenantId)).toEqual({
      [String(keyOfB)]: b.eventIds.map((id) => `T#${tenant.tenantId}#E#${id}`).sort(),
    });
  });

  it("the export for visitor B holds B's events with their opened session id and payload, and none of A's", async () => {
    // Prepare
    const c = testContainer();
    const { tenant, a, b } = await twoVisitors();
    const deps = testDeps(c);

    // Act
    const job = await runRequest(deps, tenant.tenantId, {
      type: 'export',
      identifiers: { visitorId: b.sessionId },
      options: {},
    });

    // Assess
    const view = await viewOf(deps, job);
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(view.download!.url)).arrayBuffer()));
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
      recordsByClass: Record<string, number>;
    };
    expect(manifest.recordsByClass).toEqual({ event: 2 });
    const events = JSON.parse(await zip.file('records/event.json')!.async('string')) as Array<{
      partitionId: string;
      fields: Record<string, unknown>;
    }>;
    expect(events.map((e) => e.partitionId).sort()).toEqual([...b.eventIds].sort());
    expect(events.find((e) => e.partitionId === 'bruno-q')?.fields).toMatchObject({
      type: 'question',
      sessionId: b.sessionId,
      payload: { text: `where is my ${b.marker} order` },
    });
    expect(JSON.stringify(events)).not.toContain(a.sessionId);
  });

  it("anonymising visitor A keeps A's events as statistics without session id or payload, and A is found no more", async () => {
    // Prepare
    const c = testContainer();
    const { tenant, a, b } = await twoVisitors();
    const before = await rawItems(tenant.tenantId, 'recordsTable');

    // Act
    const job = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'anonymize',
      identifiers: { visitorId: a.sessionId },
      options: { content: 'delete' },
    });
    const again = await runRequest(testDeps(c), tenant.tenantId, {
      type: 'export',
      identifiers: { visitorId: a.sessionId },
      options: {},
    });

    // Assess
    expect(job.result?.verification).toMatchObject({ remaining: 0, ok: true });
    expect(again.result?.export?.records).toBe(0);
    const after = await rawItems(tenant.tenantId, 'recordsTable');
    const ofA = after.filter((i) => a.eventIds.some((id) => i.pk === `T#${tenant.tenantId}#E#${id}`));
    expect(ofA.map((i) => [i.sk, i.type, i.tier, 'sealed' in i]).sort()).toEqual([
      ['EVENT', 'question', 'statistics', false],
      ['EVENT', 'rating', 'statistics', false],
    ]);
    const ofB = after.filter((i) => b.eventIds.some((id) => i.pk === `T#${tenant.tenantId}#E#${id}`));
    expect(ofB.filter((i) => i.sk === 'EVENT').every((i) => typeof i.sealed === 'string')).toBe(true);
    // Nothing sealed is left under A's shared key: it is destroyed, and its list of users with it.
    const keys = (await rawItems(tenant.tenantId, 'keysTable')).map((k) => k.dekId);
    expect(keys).not.toContain(sharedKeyOf(before, tenant.tenantId, a.eventIds));
    expect(Object.keys(keyUsersOf(after, tenant.tenantId))).toEqual([sharedKeyOf(before, tenant.tenantId, b.eventIds)]);
  });
});
