import type { SettableClock } from '../../../functions/domain/clock';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import type { Actor } from '../../../functions/domain/access/authorize';
import { searchChatbotEvents, viewChatbotEvent } from '../../../functions/usecases/admin/chatbot-events';
import { ingestEvents } from '../../../functions/usecases/ingest/ingest-events';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { listArchiveMonths } from '../../../functions/usecases/retention/archive-months';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const staff = (tenantId: string, role: Actor['role']): Actor => ({
  tenantId,
  role,
  userId: `u-${role}`,
  support: false,
  ...(role === 'manager' ? { group: 'desk' } : {}),
});
const SESSION = 'bot-session-41';

/** Inbenta events of two sessions through the ingest use case: a question and a rating of SESSION, a click of another. */
async function ingestTwoSessions(c: Container, tenantId: string): Promise<void> {
  const at = (minutes: number) => new Date(c.clock.now().getTime() - minutes * 60_000).toISOString();
  await ingestEvents(c, tenantId, {
    body: {
      events: [
        {
          id: 'ev-question-1',
          type: 'question',
          sessionId: SESSION,
          at: at(10),
          payload: { text: 'Where is my order?' },
        },
        { id: 'ev-rating-1', type: 'rating', sessionId: SESSION, at: at(5), payload: { value: 4 } },
        { id: 'ev-click-1', type: 'click', sessionId: 'bot-session-other', at: at(7), payload: { item: 'faq-12' } },
      ],
    },
  });
}

describe('raw chatbot events while retained (GET /v1/chatbot-events)', () => {
  it("finds one session's events by its session id, newest first, without their payload, and audits the search", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestTwoSessions(c, tenantId);

    // Act
    const found = await searchChatbotEvents(
      adminDepsOf(c),
      { actor: staff(tenantId, 'admin') },
      { sessionId: SESSION },
    );

    // Assess
    expect(found.events.map((e) => [e.eventId, e.type])).toEqual([
      ['ev-rating-1', 'rating'],
      ['ev-question-1', 'question'],
    ]);
    expect(JSON.stringify(found)).not.toContain('Where is my order');
    expect(JSON.stringify(found)).not.toContain(SESSION);
    const audited = await c.auditLog.list(tenantId, { action: 'event.view' });
    expect(audited.items).toHaveLength(1);
  });

  it('opens one event with its payload and session id for the legal role, and audits the read', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestTwoSessions(c, tenantId);

    // Act
    const event = await viewChatbotEvent(adminDepsOf(c), { actor: staff(tenantId, 'legal') }, 'ev-question-1');

    // Assess
    expect(event).toMatchObject({
      eventId: 'ev-question-1',
      type: 'question',
      sessionId: SESSION,
      payload: { text: 'Where is my order?' },
      restricted: false,
    });
    const audited = await c.auditLog.list(tenantId, { action: 'event.view' });
    expect(audited.items.map((e) => e.details)).toEqual([{ eventId: 'ev-question-1' }]);
  });

  it('shows nothing of an event past its retention, swept or not', async () => {
    // Prepare: Inbenta keeps raw events 100 days
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestTwoSessions(c, tenantId);
    c.clock.set(new Date(c.clock.now().getTime() + 101 * 86_400_000));

    // Act
    const found = await searchChatbotEvents(
      adminDepsOf(c),
      { actor: staff(tenantId, 'admin') },
      { sessionId: SESSION },
    );
    const opened = viewChatbotEvent(adminDepsOf(c), { actor: staff(tenantId, 'admin') }, 'ev-question-1');

    // Assess
    expect(found.events).toEqual([]);
    await expect(opened).rejects.toMatchObject({ status: 404 });
  });

  it("keeps a restricted event's content from the admin (403) and shows it to the legal role", async () => {
    // Prepare: the visitor asks to restrict processing (GDPR Art. 18)
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestTwoSessions(c, tenantId);
    const deps = subjectRequestDeps(c);
    const restrict = await fileSubjectRequest(
      deps,
      tenantId,
      { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
      { type: 'restrict', identifiers: { visitorId: SESSION } },
    );
    expect((await executeSubjectRequest(deps, tenantId, restrict.requestId)).status).toBe('completed');

    // Act
    const asAdmin = viewChatbotEvent(adminDepsOf(c), { actor: staff(tenantId, 'admin') }, 'ev-question-1');
    const asLegal = await viewChatbotEvent(adminDepsOf(c), { actor: staff(tenantId, 'legal') }, 'ev-question-1');

    // Assess
    await expect(asAdmin).rejects.toMatchObject({ status: 403 });
    expect(asLegal).toMatchObject({ restricted: true, payload: { text: 'Where is my order?' } });
  });

  it.each(['manager', 'support', 'advisor'] as const)('is refused to the %s role with 403', async (role) => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');

    // Act
    const asked = searchChatbotEvents(adminDepsOf(c), { actor: staff(tenantId, role) }, { sessionId: SESSION });

    // Assess
    await expect(asked).rejects.toMatchObject({ status: 403 });
  });

  it('answers 400 naming sessionId when it is missing', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');

    // Act
    const asked = searchChatbotEvents(adminDepsOf(c), { actor: staff(tenantId, 'admin') }, {});

    // Assess
    await expect(asked).rejects.toMatchObject({
      status: 400,
      fields: [expect.objectContaining({ path: 'sessionId' })],
    });
  });
});

describe('the chatbot events archive, listed by month (GET /v1/archive/{class}/months)', () => {
  it('lists the month the sweep moved the expired events to the archive, with how many objects it holds', async () => {
    // Prepare: Inbenta archives raw events after 100 days
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestTwoSessions(c, tenantId);
    const sweptAt = new Date(c.clock.now().getTime() + 101 * 86_400_000);
    c.clock.set(sweptAt);
    await runSweep(c, { tenantId, now: sweptAt });
    const month = sweptAt.toISOString().slice(0, 7);

    // Act
    const listed = await listArchiveMonths(c, { tenantId, dataClass: 'event', fromMonth: '2026-01', toMonth: month });

    // Assess
    expect(listed).toEqual({ dataClass: 'event', months: [{ month, objects: 3 }] });
  });
});
