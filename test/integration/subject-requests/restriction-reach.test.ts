import { isRestricted } from '../../../functions/domain/subject-requests/restriction';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { partitionPieces } from '../../../functions/usecases/subject-requests/find-subject';
import { RESTRICTION_MARKER_PREFIX } from '../../../functions/usecases/subject-markers/restriction-markers';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { as, type StaffUser } from '../admin/support';
import {
  ingest,
  newSubject,
  newTenant,
  runRequest,
  storeSubject,
  testContainer,
  testDeps,
  type Tenant,
} from './support';

const now = () => new Date().toISOString();

/** A chat the subject starts after the restriction: general info, a message and a survey. */
async function laterChat(tenant: Tenant, phone: string): Promise<string> {
  const gdpr = { granted: true, noticeVersion: 'v1' };
  const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'chat',
    startedAt: now(),
    participant: { phone },
    consent: { storeContent: true, gdpr },
  });
  await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
    messages: [{ from: 'visitor', at: now(), text: 'written after the restriction' }],
  });
  await ingest(tenant, '/v1/surveys', { interactionId, score: 3, comment: 'still restricted' });
  return interactionId;
}

describe('a restriction (GDPR Art. 18) holds for the subject until lifted, not only for what existed when it was asked', () => {
  it('records ingested for the subject after the restriction are restricted: their content is for the legal role only, and staff exports leave them out', async () => {
    // Prepare: the subject's records, then the restriction, then more records
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('iadvize');
    const a = newSubject('anna');
    const stored = await storeSubject(c, tenant, a);
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'admin-1' };
    const legal: StaffUser = { tenantId: tenant.tenantId, role: 'legal', user: 'counsel-1' };
    const restricted = await runRequest(deps, tenant.tenantId, {
      type: 'restrict',
      identifiers: { phone: a.phone },
      options: {},
    });

    // Act: the subject comes back; the old chat gets one more line
    const later = await laterChat(tenant, a.phone);
    await ingest(tenant, `/v1/interactions/${stored.chatId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'one more line' }],
    });
    const itemsOf = async (id: string) =>
      (await partitionPieces(c.stores, `T#${tenant.tenantId}#I#${id}`))
        .flatMap((p) => p.items)
        .filter((i) => !i.sk.startsWith('SUBJ#'));
    const laterItems = await itemsOf(later);
    const oldChatItems = await itemsOf(stored.chatId);
    const transcriptByAdmin = await as<{ error: { code: string; message: string } }>(
      admin,
      `/v1/interactions/${later}/transcript`,
    );
    const transcriptByLegal = await as<{ messages: unknown[] }>(legal, `/v1/interactions/${later}/transcript`);
    const infoByAdmin = await as<Record<string, unknown>>(admin, `/v1/interactions/${later}`);
    const infoByLegal = await as<{ participant?: { phone: string } }>(legal, `/v1/interactions/${later}`);
    const filed = await fileSubjectRequest(
      deps,
      tenant.tenantId,
      { kind: 'admin', userId: 'admin-1', role: 'admin', support: false },
      { type: 'export', identifiers: { phone: a.phone }, options: {} },
    );
    const exported = await executeSubjectRequest(deps, tenant.tenantId, filed.requestId);

    // Assess: every record written later carries the restriction of the same request
    expect(restricted.status).toBe('completed');
    expect(laterItems.map((i) => i.sk.split('#')[0]).sort()).toEqual(['INFO', 'MSG', 'SURVEY']);
    expect(laterItems.every((i) => i.restricted === restricted.requestId)).toBe(true);
    expect(oldChatItems.filter((i) => i.sk.startsWith('MSG#')).length).toBe(3);
    expect(oldChatItems.every(isRestricted)).toBe(true);
    // Assess: content access: a 403 naming the restriction for staff, the content for legal (and audited)
    expect(transcriptByAdmin.status).toBe(403);
    expect(transcriptByAdmin.body.error.message).toContain('restricted: only the legal role may access its content');
    expect(transcriptByLegal.status).toBe(200);
    expect(transcriptByLegal.body.messages).toHaveLength(1);
    expect((await c.auditLog.list(tenant.tenantId, { interactionId: later })).items).toEqual([
      expect.objectContaining({ action: 'transcript.view', actor: expect.objectContaining({ role: 'legal' }) }),
    ]);
    // Assess: the general info stays visible, its identifiers only to legal
    expect(infoByAdmin.status).toBe(200);
    expect(infoByAdmin.body).not.toHaveProperty('participant');
    expect(JSON.stringify(infoByAdmin.body)).not.toContain(a.phone);
    expect(infoByLegal.body.participant?.phone).toBe(a.phone);
    // Assess: the staff export holds none of it
    expect(exported.result?.export).toMatchObject({ records: 0 });
    expect(exported.result?.export?.withheldRestricted).toBeGreaterThanOrEqual(laterItems.length + oldChatItems.length);
  });

  it('chatbot events of a restricted visitor are stored restricted, and events of another visitor are not', async () => {
    // Prepare: visitor A restricted by visitor id
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('inbenta');
    const restricted = await runRequest(deps, tenant.tenantId, {
      type: 'restrict',
      identifiers: { visitorId: 'session-anna' },
      options: {},
    });

    // Act: a batch with events of A and of B
    const event = (id: string, sessionId: string) => ({
      id,
      type: 'question',
      sessionId,
      userType: 'visitor',
      source: 'web',
      environment: 'production',
      at: now(),
      payload: { text: 'hello' },
    });
    await ingest(tenant, '/v1/events', {
      events: [event('a1', 'session-anna'), event('b1', 'session-bert'), event('a2', 'session-anna')],
    });
    const rootOf = async (id: string) =>
      (await partitionPieces(c.stores, `T#${tenant.tenantId}#E#${id}`))
        .flatMap((p) => p.items)
        .find((i) => i.sk === 'EVENT');

    // Assess
    expect(restricted.status).toBe('completed');
    expect((await rootOf('a1'))?.restricted).toBe(restricted.requestId);
    expect((await rootOf('a2'))?.restricted).toBe(restricted.requestId);
    expect(await rootOf('b1')).not.toHaveProperty('restricted');
  });

  it("lifting removes the subject's marker and every mark, and records written afterwards are not restricted", async () => {
    // Prepare
    const c = testContainer();
    const deps = testDeps(c);
    const tenant = await newTenant('iadvize');
    const a = newSubject('bert');
    await storeSubject(c, tenant, a);
    await runRequest(deps, tenant.tenantId, { type: 'restrict', identifiers: { phone: a.phone }, options: {} });
    const during = await laterChat(tenant, a.phone);
    const markers = () => c.directory.queryItems(tenant.tenantId, RESTRICTION_MARKER_PREFIX).then((p) => p.items);
    const markedWhileRestricted = await markers();

    // Act
    const lifted = await runRequest(deps, tenant.tenantId, {
      type: 'restrict',
      identifiers: { phone: a.phone },
      options: { lift: true },
    });
    const after = await laterChat(tenant, a.phone);

    // Assess: one marker, holding the keyed hash only; gone once lifted, with every mark
    expect(markedWhileRestricted).toHaveLength(1);
    expect(JSON.stringify(markedWhileRestricted)).not.toContain(a.phone.slice(3));
    expect(lifted.result?.verification).toMatchObject({ ok: true });
    expect(await markers()).toEqual([]);
    for (const id of [during, after]) {
      const items = (await partitionPieces(c.stores, `T#${tenant.tenantId}#I#${id}`)).flatMap((p) => p.items);
      expect([id, items.some(isRestricted)]).toEqual([id, false]);
    }
  });
});
