import type { SettableClock } from '../../../functions/domain/clock';
import type { Actor } from '../../../functions/domain/access/authorize';
import { isSharedDataKeyId } from '../../../functions/domain/crypto/shared-data-key';
import { KEY_ENCRYPTION_KEY_ID } from '../../../functions/ports/data-key-store';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { viewChatbotEvent } from '../../../functions/usecases/admin/chatbot-events';
import { ingestEvents } from '../../../functions/usecases/ingest/ingest-events';
import { runSweep } from '../../../functions/usecases/nightly-sweep/run-sweep';
import { purgeLeftovers } from '../../../functions/usecases/offboarding/tenant-leftovers';
import { deletePartition } from '../../../functions/usecases/retention/record-actions';
import { subjectRequestDeps } from '../../../functions/usecases/subject-requests/deps';
import { fileSubjectRequest } from '../../../functions/usecases/subject-requests/file-request';
import { executeSubjectRequest } from '../../../functions/usecases/subject-requests/run-request';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { counselOf, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const SESSION = 'bot-session-41';
const OTHER = 'bot-session-other';
const legal = (tenantId: string): Actor => ({ tenantId, role: 'legal', userId: 'u-legal', support: false });

/** One event of `sessionId` at `at`, through the ingest use case (a batch of its own). */
async function ingestEvent(c: Container, tenantId: string, id: string, sessionId: string, at: string) {
  await ingestEvents(c, tenantId, {
    body: { events: [{ id, type: 'question', sessionId, at, payload: { text: id } }] },
  });
}

/** Every region's raw tables: the event items, the wrapped data keys (not the key-encryption key), the key-user items of the tenant. */
function raw(c: Container, tenantId: string) {
  const regions = c.stores.regions.map((r) => c.stores.storesFor(r));
  const records = regions.flatMap((s) => s.records.rawItems()).filter((i) => i.tenantId === tenantId);
  return {
    events: records.filter((i) => i.sk === 'EVENT'),
    keyUsers: records.filter((i) => i.pk.startsWith(`T#${tenantId}#KEYUSERS#`)),
    keys: regions
      .flatMap((s) => s.keys.rawItems())
      .filter((k) => k.tenantId === tenantId && k.dekId !== KEY_ENCRYPTION_KEY_ID),
  };
}

const eventRegion = (c: Container, tenantId: string) =>
  c.stores.regions.find((r) =>
    c.stores
      .storesFor(r)
      .records.rawItems()
      .some((i) => i.tenantId === tenantId && i.sk === 'EVENT'),
  ) ?? '';

describe('chatbot events share one data key per session and UTC day', () => {
  it('seals the events of one session on one UTC day, across batches, under one stored key; another session or day gets its own', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');

    // Act
    await ingestEvents(c, tenantId, {
      body: {
        events: [
          { id: 'ev-1', type: 'question', sessionId: SESSION, at: '2026-03-02T08:00:00.000Z', payload: { text: 'a' } },
          { id: 'ev-2', type: 'rating', sessionId: SESSION, at: '2026-03-02T08:01:00.000Z', payload: { value: 4 } },
          { id: 'ev-3', type: 'click', sessionId: OTHER, at: '2026-03-02T08:02:00.000Z', payload: { item: 'faq' } },
        ],
      },
    });
    await ingestEvent(c, tenantId, 'ev-4', SESSION, '2026-03-02T08:30:00.000Z');
    await ingestEvent(c, tenantId, 'ev-5', SESSION, '2026-03-01T23:59:00.000Z');

    // Assess: raw storage
    const { events, keys, keyUsers } = raw(c, tenantId);
    const dekOf = (id: string) => events.find((e) => e.id === id)?.dekId;
    expect(dekOf('ev-2')).toBe(dekOf('ev-1'));
    expect(dekOf('ev-4')).toBe(dekOf('ev-1'));
    expect(new Set(['ev-1', 'ev-3', 'ev-5'].map(dekOf)).size).toBe(3);
    expect(keys.map((k) => k.dekId).sort()).toEqual([dekOf('ev-1'), dekOf('ev-3'), dekOf('ev-5')].sort());
    expect(keys.every((k) => isSharedDataKeyId(String(k.dekId)))).toBe(true);
    expect(JSON.stringify([...keys, ...keyUsers])).not.toContain(SESSION);
    expect(keyUsers.filter((u) => u.pk.endsWith(String(dekOf('ev-1')))).map((u) => u.sk)).toHaveLength(3);
    // Assess: each event still opens, with its own payload
    const opened = await viewChatbotEvent(adminDepsOf(c), { actor: legal(tenantId) }, 'ev-4');
    expect(opened).toMatchObject({ sessionId: SESSION, payload: { text: 'ev-4' } });
  });

  it('keeps the shared key while another event of the session uses it, and destroys it with the last one', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestEvent(c, tenantId, 'ev-1', SESSION, '2026-03-02T08:00:00.000Z');
    await ingestEvent(c, tenantId, 'ev-2', SESSION, '2026-03-02T08:05:00.000Z');
    const region = eventRegion(c, tenantId);
    const scope = { deps: c, region, tenantId, now: c.clock.now() };
    const pkOf = (id: string) => String(raw(c, tenantId).events.find((e) => e.id === id)?.pk);
    const [first, second] = [pkOf('ev-1'), pkOf('ev-2')];

    // Act
    await deletePartition(scope, first);
    const afterFirst = raw(c, tenantId);
    const stillOpen = await viewChatbotEvent(adminDepsOf(c), { actor: legal(tenantId) }, 'ev-2');
    await deletePartition(scope, second);

    // Assess
    expect(afterFirst.keys).toHaveLength(1);
    expect(afterFirst.keyUsers.map((u) => u.sk)).toEqual([second]);
    expect(stillOpen).toMatchObject({ payload: { text: 'ev-2' } });
    expect(raw(c, tenantId)).toEqual({ events: [], keyUsers: [], keys: [] });
  });

  it("leaves nothing of an erased visitor's events readable: records, key users and the shared key go, another session's stay", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestEvent(c, tenantId, 'ev-1', SESSION, '2026-03-02T08:00:00.000Z');
    await ingestEvent(c, tenantId, 'ev-2', SESSION, '2026-03-02T08:05:00.000Z');
    await ingestEvent(c, tenantId, 'ev-3', OTHER, '2026-03-02T08:06:00.000Z');
    const sealedBefore = raw(c, tenantId).events.find((e) => e.id === 'ev-1');
    const deps = subjectRequestDeps(c);
    const erase = await fileSubjectRequest(
      deps,
      tenantId,
      { kind: 'admin', userId: 'u-admin', role: 'admin', support: false },
      { type: 'erase', identifiers: { visitorId: SESSION } },
    );

    // Act
    const done = await executeSubjectRequest(deps, tenantId, erase.requestId);

    // Assess
    expect(done.status).toBe('completed');
    expect(done.result?.lines).toEqual(expect.arrayContaining([expect.objectContaining({ store: 'keys', found: 1 })]));
    const left = raw(c, tenantId);
    expect(left.events.map((e) => e.id)).toEqual(['ev-3']);
    expect(left.keys.map((k) => k.dekId)).toEqual([left.events[0].dekId]);
    expect(left.keyUsers.map((u) => u.sk)).toEqual([left.events[0].pk]);
    expect(JSON.stringify(c.stores.storesFor(eventRegion(c, tenantId)).records.rawItems())).not.toContain(
      String(sealedBefore?.sealed),
    );
    await expect(
      c.vault.openJson(
        {
          region: eventRegion(c, tenantId),
          tenantId,
          dataClass: 'event',
          partitionId: 'ev-1',
          dekId: String(sealedBefore?.dekId),
        },
        String(sealedBefore?.sealed),
      ),
    ).rejects.toThrow();
  });

  it('lets the retention sweep archive the events with their shared key, then destroy it when the archive expires', async () => {
    // Prepare: Inbenta archives raw events after 100 days and deletes the archive later
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestEvent(c, tenantId, 'ev-1', SESSION, '2026-03-02T08:00:00.000Z');
    await ingestEvent(c, tenantId, 'ev-2', SESSION, '2026-03-02T08:05:00.000Z');
    const archivedAt = new Date(c.clock.now().getTime() + 101 * 86_400_000);
    const goneAt = new Date(archivedAt.getTime() + (2 * 366 + 2) * 86_400_000);

    // Act
    c.clock.set(archivedAt);
    await runSweep(c, { tenantId, now: archivedAt });
    const archived = raw(c, tenantId);
    c.clock.set(goneAt);
    await runSweep(c, { tenantId, now: goneAt });

    // Assess
    expect(archived.keys).toHaveLength(1);
    expect(archived.keyUsers).toHaveLength(2);
    expect(raw(c, tenantId)).toEqual({ events: [], keyUsers: [], keys: [] });
  });

  it('destroys every session key and key-user list in the offboarding purge', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestEvent(c, tenantId, 'ev-1', SESSION, '2026-03-02T08:00:00.000Z');
    await ingestEvent(c, tenantId, 'ev-2', OTHER, '2026-03-02T08:05:00.000Z');

    // Act
    await purgeLeftovers(c, tenantId);

    // Assess
    expect(raw(c, tenantId)).toEqual({ events: [], keyUsers: [], keys: [] });
  });

  it("keeps a held visitor's events readable through the offboarding purge: their shared key stays with them", async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'inbenta');
    await ingestEvent(c, tenantId, 'ev-1', SESSION, '2026-03-02T08:00:00.000Z');
    await ingestEvent(c, tenantId, 'ev-2', OTHER, '2026-03-02T08:05:00.000Z');
    await placeHold(c, counselOf(tenantId), { identifiers: { visitorId: SESSION }, reason: 'claim 2026-77' });

    // Act
    await purgeLeftovers(c, tenantId);

    // Assess
    const left = raw(c, tenantId);
    expect(left.events.map((e) => e.id)).toEqual(['ev-1']);
    expect(left.keys.map((k) => k.dekId)).toEqual([left.events[0].dekId]);
    const opened = await viewChatbotEvent(adminDepsOf(c), { actor: legal(tenantId) }, 'ev-1');
    expect(opened).toMatchObject({ sessionId: SESSION, payload: { text: 'ev-1' } });
  });
});
