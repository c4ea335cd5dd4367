import { callApi } from '../../support/api';
import { testContainer } from '../adapters/container';
import { aroundToday, everythingStored, ingest, newTenant, partitionByRegion, rawItems, readBack } from './support';

const now = () => new Date().toISOString();
const DAY = 86_400_000;

describe('chatbot events (Inbenta preset)', () => {
  it('counts questions, clicks, ratings and sessions by user type, source and environment, from redacted values', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const web = { userType: 'visitor', source: 'web', environment: 'production' };
    const mail = { ...web, source: 'mail bob@example.com' };
    const events = [
      {
        id: 'q1',
        type: 'question',
        sessionId: 's-1',
        ...web,
        at: now(),
        payload: { text: 'my customer id is CUST-123456, mail jo@example.com' },
      },
      { id: 'q2', type: 'question', sessionId: 's-1', ...web, at: now(), payload: { text: 'refund?' } },
      { id: 'c1', type: 'click', sessionId: 's-1', ...web, at: now(), payload: { contentId: 'faq-7' } },
      { id: 'q3', type: 'question', sessionId: 's-2', ...mail, at: now() },
      { id: 'r1', type: 'rating', sessionId: 's-2', ...mail, at: now(), payload: { value: 5 } },
    ];
    // Act
    const res = await ingest(tenant, '/v1/events', { events });
    // Assess
    expect(res.body).toEqual({ accepted: 5, stored: 5, duplicates: 0 });
    const kpis = await readBack<{
      rows: Array<{ group: Record<string, string>; metrics: Record<string, number>; clickThroughRate?: number }>;
    }>(tenant, `/v1/kpis?${aroundToday()}&groupBy=source`);
    expect(kpis.body.rows).toEqual([
      { group: { source: 'mail [EMAIL]' }, metrics: { questions: 1, ratings: 1, sessions: 1 }, clickThroughRate: 0 },
      { group: { source: 'web' }, metrics: { questions: 2, clicks: 1, sessions: 1 }, clickThroughRate: 0.5 },
    ]);
    const stored = await everythingStored(tenant.tenantId);
    expect(stored).not.toMatch(/CUST-123456|jo@example\.com|bob@example\.com|"s-1"|"s-2"/);
    const { vault } = testContainer();
    const q1 = (await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#E#q1`))['eu-central-1'][0];
    // Sealed under the key the event names: its session's, shared with the session's other events of the day.
    const opened = await vault.openJson(
      {
        region: 'eu-central-1',
        tenantId: tenant.tenantId,
        dataClass: 'event',
        partitionId: 'q1',
        dekId: q1.dekId as string,
      },
      q1.sealed as string,
    );
    expect(opened).toEqual({ payload: { text: 'my customer id is [CUSTOMER_ID], mail [EMAIL]' }, sessionId: 's-1' });
    expect(q1).toMatchObject({ class: 'event', type: 'question', userType: 'visitor' });
    const counters = await rawItems('eu-central-1', 'aggregatesTable', tenant.tenantId);
    expect(counters.every((c) => typeof c.expiresAt === 'number')).toBe(true);
  });
});

describe('read-back hides what has expired', () => {
  it('a Puzzel chat log past its 30 days is hidden while the general info (180 days) is still shown', async () => {
    // Prepare: a chat 40 days ago
    const tenant = await newTenant('puzzel');
    const then = new Date(Date.now() - 40 * DAY).toISOString();
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: then,
    });
    await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [{ from: 'visitor', at: then, text: 'old news' }],
    });
    // Act
    const info = await readBack(tenant, `/v1/interactions/${started.body.interactionId}`);
    const transcript = await readBack<{ messages: unknown[] }>(
      tenant,
      `/v1/interactions/${started.body.interactionId}/transcript`,
    );
    // Assess
    expect(info.status).toBe(200);
    expect(transcript.body.messages).toEqual([]);
    const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${started.body.interactionId}`);
    expect(partition['eu-central-1'].some((i) => i.sk.startsWith('MSG#'))).toBe(true); // still stored, already invisible
  });

  it('general info past its 180 days is not found at all', async () => {
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: new Date(Date.now() - 181 * DAY).toISOString(),
    });
    expect(started.status).toBe(201);
    expect((await readBack(tenant, `/v1/interactions/${started.body.interactionId}`)).status).toBe(404);
    expect(
      (await ingest(tenant, `/v1/interactions/${started.body.interactionId}/end`, { endedAt: now() })).status,
    ).toBe(404);
  });
});

describe('GET /v1/openapi.json', () => {
  it('serves the OpenAPI document without credentials', async () => {
    const res = await callApi<{ openapi: string; paths: Record<string, unknown> }>('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/v1/interactions', '/v1/events', '/v1/kpis']));
  });
});
