import { INGEST_LIMITS } from '../../../functions/domain/ingest/limits';
import { callApi } from '../../support/api';
import { aroundToday, ingest, newTenant, partitionByRegion, rawItems, readBack } from './support';

const now = () => new Date().toISOString();
type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

describe('retries are stored once', () => {
  it('replaying a start, its messages and its survey with the same Idempotency-Key stores and counts each once', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const start = { channel: 'chat', startedAt: now(), queue: 'retries', participant: { email: 'retry@example.se' } };
    // Act
    const first = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', start, {
      'Idempotency-Key': 'start-1',
    });
    const replay = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', start, {
      'Idempotency-Key': 'start-1',
    });
    const path = `/v1/interactions/${first.body.interactionId}/messages`;
    const messages = { messages: [{ from: 'visitor', at: now(), text: 'only once please' }] };
    const sent = await ingest(tenant, path, messages, { 'Idempotency-Key': 'msg-1' });
    const resent = await ingest(tenant, path, messages, { 'Idempotency-Key': 'msg-1' });
    const survey = { interactionId: first.body.interactionId, score: 9, comment: 'great' };
    const rated = await ingest(tenant, '/v1/surveys', survey, { 'Idempotency-Key': 'survey-1' });
    const rerated = await ingest(tenant, '/v1/surveys', survey, { 'Idempotency-Key': 'survey-1' });
    // Assess
    expect(first.status).toBe(201);
    expect(replay).toMatchObject({ status: 201, body: first.body });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(resent).toMatchObject({ status: sent.status, body: sent.body });
    expect(rerated).toMatchObject({ status: 201, body: rated.body });
    const interactions = (await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).filter(
      (i) => i.sk === 'INFO',
    );
    expect(interactions).toHaveLength(1);
    const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${first.body.interactionId}`);
    expect(partition['eu-central-1'].filter((i) => i.sk.startsWith('MSG#'))).toHaveLength(1);
    expect(partition['eu-central-1'].filter((i) => i.sk.startsWith('SURVEY#'))).toHaveLength(1);
    const kpis = await readBack<{
      rows: Array<{ metrics: Record<string, number>; scoreDistribution?: Record<string, number> }>;
    }>(tenant, `/v1/kpis?${aroundToday()}&groupBy=queue`);
    expect(kpis.body.rows).toEqual([
      expect.objectContaining({ metrics: { interactions: 1, surveys: 1 }, scoreDistribution: { '9': 1 } }),
    ]);
  });

  it('the same Idempotency-Key with another body is a 409 and stores nothing', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    await ingest(tenant, '/v1/interactions', { channel: 'chat', startedAt: now() }, { 'Idempotency-Key': 'k-1' });
    // Act
    const reused = await ingest<ErrorBody>(
      tenant,
      '/v1/interactions',
      { channel: 'sms', startedAt: now() },
      { 'Idempotency-Key': 'k-1' },
    );
    // Assess
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('CONFLICT');
    expect(
      (await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).filter((i) => i.sk === 'INFO'),
    ).toHaveLength(1);
  });

  it('an Idempotency-Key that cannot be one is a 400 naming the header', async () => {
    const tenant = await newTenant('puzzel');
    const res = await ingest<ErrorBody>(
      tenant,
      '/v1/interactions',
      { channel: 'chat', startedAt: now() },
      { 'Idempotency-Key': 'has spaces in it' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields?.map((f) => f.path)).toEqual(['Idempotency-Key']);
  });

  it('chatbot events re-delivered with the same ids are stored and counted once', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const batch = {
      events: [{ id: 'evt-1', type: 'question', at: now(), payload: { text: 'how do I reset my password?' } }],
    };
    // Act
    const first = await ingest(tenant, '/v1/events', batch);
    const again = await ingest(tenant, '/v1/events', batch);
    // Assess
    expect(first.body).toEqual({ accepted: 1, stored: 1, duplicates: 0 });
    expect(again.body).toEqual({ accepted: 1, stored: 0, duplicates: 1 });
    const kpis = await readBack<{ rows: Array<{ metrics: Record<string, number> }> }>(
      tenant,
      `/v1/kpis?${aroundToday()}&groupBy=source`,
    );
    expect(kpis.body.rows).toEqual([expect.objectContaining({ metrics: { questions: 1 } })]);
  });
});

describe('bad requests are refused whole, with what is wrong named', () => {
  it('400 names every bad field, including a tenant id smuggled into the body', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    // Act
    const res = await ingest<ErrorBody>(tenant, '/v1/interactions', {
      channel: 'pigeon',
      startedAt: 'soon',
      participant: { phone: 'call me' },
      tenantId: 'someone-else',
    });
    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields?.map((f) => f.path).sort()).toEqual([
      '(root)',
      'channel',
      'participant.phone',
      'startedAt',
    ]);
    expect(await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).toEqual([]);
  });

  it(`413 for a batch over ${INGEST_LIMITS.eventsPerBatch} events and for a body over ${INGEST_LIMITS.bodyBytes} bytes`, async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const events = Array.from({ length: INGEST_LIMITS.eventsPerBatch + 1 }, (_, i) => ({
      id: `e-${i}`,
      type: 'click',
      at: now(),
    }));
    // Act
    const tooMany = await ingest<ErrorBody>(tenant, '/v1/events', { events });
    const tooBig = await ingest<ErrorBody>(tenant, '/v1/events', {
      events: [{ id: 'big', type: 'custom', at: now(), payload: { blob: 'x'.repeat(INGEST_LIMITS.bodyBytes) } }],
    });
    // Assess
    expect(tooMany.status).toBe(413);
    expect(tooMany.body.error.fields).toEqual([expect.objectContaining({ path: 'events' })]);
    expect(tooBig.status).toBe(413);
    expect(await rawItems('eu-central-1', 'recordsTable', tenant.tenantId)).toEqual([]);
  });

  it('404 for an interaction that does not exist, 400 for an id that cannot be one', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    // Act
    const unknown = await ingest<ErrorBody>(tenant, '/v1/interactions/01JNQ0Z8V6Y3C3W1R4S5T6V7W8/messages', {
      messages: [{ from: 'agent', at: now(), text: 'hello?' }],
    });
    const survey = await ingest<ErrorBody>(tenant, '/v1/surveys', {
      interactionId: '01JNQ0Z8V6Y3C3W1R4S5T6V7W8',
      score: 3,
    });
    const malformed = await ingest<ErrorBody>(tenant, '/v1/interactions/not-an-id/end', { endedAt: now() });
    // Assess
    expect(unknown.status).toBe(404);
    expect(survey.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual([{ path: 'id', message: 'must be an interaction id (ULID)' }]);
  });

  it("another tenant's interaction is as unknown as one that never existed", async () => {
    // Prepare
    const [owner, other] = await Promise.all([newTenant('puzzel'), newTenant('puzzel')]);
    const started = await ingest<{ interactionId: string }>(owner, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
    });
    // Act
    const append = await ingest(other, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'agent', at: now(), text: 'x' }],
    });
    const read = await readBack(other, `/v1/interactions/${started.body.interactionId}`);
    // Assess
    expect(append.status).toBe(404);
    expect(read.status).toBe(404);
  });

  it('ingest routes refuse an admin token, read-back routes an API key (each authorizer keys on its own header: 401), and both refuse no credentials', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    // Act
    const adminIngest = await callApi('/v1/events', {
      body: { events: [] },
      headers: { authorization: `Bearer ${tenant.adminToken}` },
    });
    const keyRead = await callApi(`/v1/kpis?${aroundToday()}`, { headers: { 'x-api-key': tenant.apiKey } });
    const anonymous = await callApi('/v1/interactions', { body: { channel: 'chat' } });
    // Assess
    expect(adminIngest.status).toBe(401);
    expect(keyRead.status).toBe(401);
    expect(anonymous.status).toBe(401);
  });
});
