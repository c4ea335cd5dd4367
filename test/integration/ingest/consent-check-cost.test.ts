import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { countingContainer, RequestCounter } from '../../../bench/erasure/counting';
import { SettableClock } from '../../../functions/domain/clock';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { refusalsFor } from '../../../functions/usecases/ingest/consent-standing';
import { subjectKeysAt } from '../../../functions/usecases/ingest/participant';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { dynamoDbClient, homeNames, localNames } from '../../support/emulators';
import { ingest, newTenant, partitionByRegion, type Tenant } from './support';

/**
 * The consent check of every ingest path reads the subject's standing markers: one batched keyed
 * read of every identifier's markers (and one GetItem per withdrawal, to confirm its proof still stands), however many
 * conversations the subject had. Markers missing for proofs filed before they existed are folded
 * in from the history on the first check, once.
 */
const now = () => new Date().toISOString();
const directory = () => DynamoDBDocumentClient.from(dynamoDbClient());

async function withdraw(tenant: Tenant, email: string, purpose: string): Promise<string> {
  const res = await ingest<{ consentId: string }>(tenant, '/v1/consents', {
    subject: { email },
    purpose,
    granted: false,
    noticeVersion: 'v1',
    channel: 'chat',
    at: now(),
  });
  if (res.status !== 201) throw new Error(`POST /v1/consents answered ${res.status}`);
  return res.body.consentId;
}

async function conversations(tenant: Tenant, email: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email },
    });
    await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: `line ${i}` }],
    });
  }
}

/** The tenant's standing items in the directory table, raw. */
async function standingItems(tenantId: string): Promise<Array<Record<string, unknown>>> {
  const out = await directory().send(
    new QueryCommand({
      TableName: homeNames().directoryTable,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': `TENANT#${tenantId}`, ':s': 'STANDING#' },
    }),
  );
  return out.Items ?? [];
}

/** Removes every standing item of the tenant: its proofs then look as if filed before markers existed. */
async function forgetMarkers(tenantId: string): Promise<void> {
  for (const item of await standingItems(tenantId))
    await directory().send(
      new DeleteCommand({ TableName: homeNames().directoryTable, Key: { pk: item.pk, sk: item.sk } }),
    );
}

/** The consent check ingest runs for an e-mail address, with every request it sends counted. */
async function measuredCheck(tenant: Tenant, email: string, at = new Date()) {
  const counter = new RequestCounter();
  const deps = countingContainer(parseRuntimeConfig(process.env), new SettableClock(at), counter);
  const context = await loadTenant(deps, tenant.tenantId);
  const hmacs = subjectKeysAt(context, { email }, 'participant').map((k) => k.hmacHex);
  counter.reset();
  const refusals = await refusalsFor(deps, context, hmacs);
  return { refusals, requests: counter.byService(), units: counter.capacityUnits() };
}

describe('the consent check costs the same whatever the subject’s history', () => {
  it('a subject with 40 conversations costs the same requests and read units as one with none: one batched keyed read of every identifier and one GetItem per withdrawal', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const newcomer = 'new.comer@example.se';
    const regular = 'regular.caller@example.se';
    await withdraw(tenant, newcomer, 'recording');
    await withdraw(tenant, regular, 'recording');
    await conversations(tenant, regular, 40);
    await measuredCheck(tenant, newcomer); // the first check marks the newcomer's markers complete
    // Act
    const none = await measuredCheck(tenant, newcomer);
    const forty = await measuredCheck(tenant, regular);
    // Assess
    expect(none.refusals.withdrawn).toEqual(new Set(['recording']));
    expect(forty.refusals.withdrawn).toEqual(new Set(['recording']));
    expect(none.requests).toEqual({ DynamoDB: { total: 2, BatchGetItem: 1, GetItem: 1 } });
    expect(forty.requests).toEqual(none.requests);
    expect(forty.units.read).toBeGreaterThan(0);
    expect(forty.units.read).toBe(none.units.read);
    expect(forty.units.write).toBe(0);
  });

  it('proofs filed before markers existed are read from the history once, then the markers answer', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const email = 'early.bird@example.se';
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email },
    });
    const consentId = await withdraw(tenant, email, 'storeContent');
    await forgetMarkers(tenant.tenantId);
    // Act
    const appended = await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'not to be kept' }],
    });
    const afterwards = await measuredCheck(tenant, email);
    // Assess
    expect(appended.body).toMatchObject({ stored: 0, contentRefused: 'withdrawn' });
    const markers = await standingItems(tenant.tenantId);
    expect(markers.find((m) => String(m.sk).endsWith('#storeContent#consent'))).toMatchObject({
      purpose: 'storeContent',
      granted: false,
      proofPk: `T#${tenant.tenantId}#C#${consentId}`,
    });
    expect(markers.some((m) => /^STANDING#[0-9a-f]+$/.test(String(m.sk)))).toBe(true);
    expect(afterwards.refusals.withdrawn).toEqual(new Set(['storeContent']));
    expect(afterwards.requests).toEqual({ DynamoDB: { total: 2, BatchGetItem: 1, GetItem: 1 } });
  });

  it('a withdrawal whose proof is gone (deleted by retention) no longer refuses, as when the proofs were read, and its marker goes', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const email = 'gone.proof@example.se';
    const consentId = await withdraw(tenant, email, 'storeContent');
    const pk = `T#${tenant.tenantId}#C#${consentId}`;
    const [region, items] = Object.entries(await partitionByRegion(tenant.tenantId, pk)).find(([, i]) => i.length)!;
    const records = DynamoDBDocumentClient.from(dynamoDbClient(region));
    for (const item of items)
      await records.send(
        new DeleteCommand({ TableName: localNames(region).recordsTable, Key: { pk: item.pk, sk: item.sk } }),
      );
    // Act
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email },
    });
    const appended = await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'kept again' }],
    });
    // Assess
    expect(appended.body).toMatchObject({ stored: 1 });
    expect((await standingItems(tenant.tenantId)).some((m) => String(m.sk).endsWith('#consent'))).toBe(false);
  });

  it('reading the history again never undoes a withdrawal whose proof stands, even while the subject index does not list it yet', async () => {
    // Prepare: a withdrawal, then its index entries gone (as before the index has caught up) and the markers' completeness forgotten
    const tenant = await newTenant('puzzel');
    const email = 'index.lag@example.se';
    const consentId = await withdraw(tenant, email, 'storeContent');
    const pk = `T#${tenant.tenantId}#C#${consentId}`;
    const [region, items] = Object.entries(await partitionByRegion(tenant.tenantId, pk)).find(([, i]) => i.length)!;
    const records = DynamoDBDocumentClient.from(dynamoDbClient(region));
    for (const entry of items.filter((i) => i.sk.startsWith('SUBJ#')))
      await records.send(
        new DeleteCommand({ TableName: localNames(region).recordsTable, Key: { pk: entry.pk, sk: entry.sk } }),
      );
    const completeness = (await standingItems(tenant.tenantId)).find((m) => /^STANDING#[0-9a-f]+$/.test(String(m.sk)));
    if (completeness)
      await directory().send(
        new DeleteCommand({ TableName: homeNames().directoryTable, Key: { pk: completeness.pk, sk: completeness.sk } }),
      );
    // Act
    const check = await measuredCheck(tenant, email);
    // Assess
    expect(check.refusals.withdrawn).toEqual(new Set(['storeContent']));
    expect(
      (await standingItems(tenant.tenantId)).find((m) => String(m.sk).endsWith('#storeContent#consent')),
    ).toMatchObject({
      granted: false,
      proofPk: pk,
    });
  });

  it('a key whose markers were marked complete more than 90 days ago has its history read once more, then is keyed again', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const email = 'long.ago@example.se';
    await withdraw(tenant, email, 'recording');
    await measuredCheck(tenant, email); // marks the key complete, for 90 days
    const day = 86_400_000;
    // Act
    const within = await measuredCheck(tenant, email, new Date(Date.now() + 89 * day));
    const after = await measuredCheck(tenant, email, new Date(Date.now() + 91 * day));
    const next = await measuredCheck(tenant, email, new Date(Date.now() + 92 * day));
    // Assess
    expect(within.requests).toEqual({ DynamoDB: { total: 2, BatchGetItem: 1, GetItem: 1 } });
    expect(after.requests.DynamoDB.Query).toBeGreaterThan(1); // the subject index of every region
    expect(after.requests.DynamoDB.PutItem).toBeGreaterThanOrEqual(1); // the completeness marker, renewed
    expect(next.requests).toEqual({ DynamoDB: { total: 2, BatchGetItem: 1, GetItem: 1 } });
    expect([within, after, next].map((c) => [...c.refusals.withdrawn])).toEqual([
      ['recording'],
      ['recording'],
      ['recording'],
    ]);
  });
});
