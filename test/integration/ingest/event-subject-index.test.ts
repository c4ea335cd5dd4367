import { presetPolicy } from '../../../functions/domain/policy/presets';
import { subjectKeysOf } from '../../../functions/domain/subject/subject-key';
import { testContainer } from '../adapters/container';
import { ingest, newTenant, rawItems } from './support';

const EU = 'eu-central-1';
const at = '2026-11-20T10:00:00.000Z';

describe('chatbot events are indexed under their session id as the visitor id', () => {
  it('each event with a session id gets one keyed-hash visitorId entry in its own partition; an event without one gets none', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const sessionId = ' s-visitor-42 '; // normalised as a visitor id: trimmed
    const events = [
      { id: 'with-session', type: 'question', sessionId, at, payload: { text: 'hello' } },
      { id: 'without-session', type: 'click', at },
    ];

    // Act
    const res = await ingest(tenant, '/v1/events', { events });

    // Assess
    expect(res.status).toBe(200);
    const secret = await testContainer().tenantSecrets.subjectIndexSecret(tenant.tenantId);
    const [key] = subjectKeysOf({ visitorId: 's-visitor-42' }, secret, presetPolicy('inbenta').defaultCallingCode);
    const items = await rawItems(EU, 'recordsTable', tenant.tenantId);
    const entries = items.filter((i) => i.sk.startsWith('SUBJ#'));
    const event = items.find((i) => i.pk === `T#${tenant.tenantId}#E#with-session` && i.sk === 'EVENT')!;
    expect(entries).toEqual([
      {
        pk: `T#${tenant.tenantId}#E#with-session`,
        sk: `SUBJ#visitorId#${key.hmacHex}`,
        tenantId: tenant.tenantId,
        subjectKey: `T#${tenant.tenantId}#${key.hmacHex}`,
        kind: 'visitorId',
        class: 'event',
        createdAt: event.createdAt,
        expiresAt: event.expiresAt,
      },
    ]);
  });

  it('a retried delivery writes no second entry and a session already counted that day still gets its entry', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const first = { id: 'e-1', type: 'question', sessionId: 's-7', at };
    const sameDay = { id: 'e-2', type: 'question', sessionId: 's-7', at };
    await ingest(tenant, '/v1/events', { events: [first] });

    // Act
    const retried = await ingest(tenant, '/v1/events', { events: [first] });
    const later = await ingest(tenant, '/v1/events', { events: [sameDay] });

    // Assess
    expect(retried.body).toEqual({ accepted: 1, stored: 0, duplicates: 1 });
    expect(later.body).toEqual({ accepted: 1, stored: 1, duplicates: 0 });
    const entries = (await rawItems(EU, 'recordsTable', tenant.tenantId)).filter((i) =>
      i.sk.startsWith('SUBJ#visitorId#'),
    );
    expect(entries.map((e) => e.pk).sort()).toEqual([`T#${tenant.tenantId}#E#e-1`, `T#${tenant.tenantId}#E#e-2`]);
  });

  it('a session id that is no visitor id (a control character) refuses the whole batch, naming the field', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const events = [
      { id: 'fine', type: 'question', sessionId: 's-1', at },
      { id: 'bad', type: 'question', sessionId: 's-\u0007', at },
    ];

    // Act
    const res = await ingest<{ error: { code: string; fields: Array<{ path: string }> } }>(tenant, '/v1/events', {
      events,
    });

    // Assess
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.fields.map((f) => f.path)).toEqual(['events.1.sessionId']);
    expect((await rawItems(EU, 'recordsTable', tenant.tenantId)).filter((i) => i.pk.includes('#E#'))).toEqual([]);
  });
});
