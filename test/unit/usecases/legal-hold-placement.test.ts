import type { SettableClock } from '../../../functions/domain/clock';
import type { InMemoryMetrics } from '../../../functions/adapters/metrics/in-memory-metrics';
import { adminDepsOf } from '../../../functions/shared/admin-wiring';
import { searchInteractions } from '../../../functions/usecases/admin/search-interactions';
import { deleteUnlessHeld } from '../../../functions/usecases/holds/hold-guard';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { releaseHold } from '../../../functions/usecases/holds/release-hold';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { counselOf, HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const VISITOR = { email: 'held.visitor@example.se' };

const startChat = async (c: Container, tenantId: string, participant: { email: string; phone?: string } = VISITOR) =>
  (
    await startInteraction(c, tenantId, {
      body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant },
    })
  ).body.interactionId;

const partitionOf = (tenantId: string, interactionId: string) => `T#${tenantId}#I#${interactionId}`;

/** Every item of an interaction's partition, as the records table holds it. */
const storedPartition = async (c: Container, tenantId: string, interactionId: string) =>
  (
    await c.stores
      .storesFor(HOME_REGION)
      .records.queryPartition(partitionOf(tenantId, interactionId), { consistent: true })
  ).items;

/** Whether every item is out of TTL's reach: its expiry kept as `heldExpiresAt`, no `expiresAt`, no `byExpiry` bucket. */
const outOfTtlReach = (item: Record<string, unknown>) =>
  typeof item.heldExpiresAt === 'number' && item.expiresAt === undefined && item.expiryBucket === undefined;

/** A promise and the function that settles it, to hold a staff deletion in the middle of its work. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('placing a legal hold (POST /v1/holds)', () => {
  it('a hold on an interaction the tenant does not have is refused with 404, and no hold is stored', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const otherTenant = await openTenant(c, 'puzzel');
    const elsewhere = await startChat(c, otherTenant);

    // Act
    const placing = placeHold(c, counselOf(tenantId), { interactionId: elsewhere, reason: 'claim 2026-50' });

    // Assess
    await expect(placing).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await c.directory.queryItems(tenantId, 'HOLD#', { limit: 10 })).items).toEqual([]);
  });

  it('a second hold on an interaction kept past its expiry by a first hold is accepted', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await startChat(c, tenantId);
    await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-51' });
    c.clock.advance(20 * 365 * 24 * 3600 * 1000);

    // Act
    const second = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2046-01' });

    // Assess
    expect(second.target).toEqual({ kind: 'interaction', interactionId });
  });

  it('every stored item of the held interaction is taken out of TTL’s reach, and the count says how many', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await startChat(c, tenantId);
    const stored = await storedPartition(c, tenantId, interactionId);

    // Act
    const placed = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-52' });

    // Assess
    const held = await storedPartition(c, tenantId, interactionId);
    expect(stored.length).toBeGreaterThan(1);
    expect(placed.itemsProtected).toBe(stored.length);
    expect(held.filter(outOfTtlReach)).toHaveLength(stored.length);
  });

  it('the placement is written to the audit log: who placed which hold on which interaction', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await startChat(c, tenantId);

    // Act
    const placed = await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-53' });

    // Assess
    const entries = (await c.auditLog.list(tenantId)).items.filter((e) => e.action === 'legal-hold.place');
    expect(entries).toEqual([
      expect.objectContaining({
        actor: { user: 'u-counsel', role: 'legal', support: false },
        interactionId,
        details: { holdId: placed.holdId, target: 'interaction', subjectKeys: 0 },
      }),
    ]);
    expect((c.metrics as InMemoryMetrics).total('HoldsPlaced')).toBe(1);
  });

  it('a subject hold is audited with how many subject keys it names, and no interaction', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');

    // Act
    const placed = await placeHold(c, counselOf(tenantId), {
      identifiers: { email: VISITOR.email, phone: '+46701234567' },
      reason: 'claim 2026-54',
    });

    // Assess
    const entries = (await c.auditLog.list(tenantId)).items.filter((e) => e.action === 'legal-hold.place');
    expect(entries).toHaveLength(1);
    expect(entries[0].details).toEqual({ holdId: placed.holdId, target: 'subject', subjectKeys: 2 });
    expect(entries[0]).not.toHaveProperty('interactionId');
  });
});

describe('a subject hold keeps what ingest writes for the subject afterwards (held-subject markers)', () => {
  it('a conversation the held subject starts after the hold is written out of TTL’s reach from the start', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await placeHold(c, counselOf(tenantId), { identifiers: VISITOR, reason: 'claim 2026-55' });

    // Act
    const interactionId = await startChat(c, tenantId);

    // Assess
    const stored = await storedPartition(c, tenantId, interactionId);
    expect(stored.length).toBeGreaterThan(1);
    expect(stored.filter(outOfTtlReach)).toEqual(stored);
  });

  it('a conversation naming the held subject among other identifiers is held too', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await placeHold(c, counselOf(tenantId), { identifiers: VISITOR, reason: 'claim 2026-62' });

    // Act
    const interactionId = await startChat(c, tenantId, { ...VISITOR, phone: '+46701239999' });

    // Assess
    const stored = await storedPartition(c, tenantId, interactionId);
    expect(stored.filter(outOfTtlReach)).toEqual(stored);
  });

  it('another subject’s new conversation keeps its expiry', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await placeHold(c, counselOf(tenantId), { identifiers: VISITOR, reason: 'claim 2026-56' });

    // Act
    const interactionId = await startChat(c, tenantId, { email: 'free.visitor@example.se' });

    // Assess
    const stored = await storedPartition(c, tenantId, interactionId);
    expect(stored.filter((i) => typeof i.expiresAt === 'number')).toEqual(stored);
    expect(stored.filter((i) => 'heldExpiresAt' in i)).toEqual([]);
  });

  it('once the subject hold is released, the subject’s new conversations expire again', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const { holdId } = await placeHold(c, counselOf(tenantId), { identifiers: VISITOR, reason: 'claim 2026-57' });
    await releaseHold(c, counselOf(tenantId), holdId);

    // Act
    const interactionId = await startChat(c, tenantId);

    // Assess
    const stored = await storedPartition(c, tenantId, interactionId);
    expect(stored.filter((i) => typeof i.expiresAt === 'number')).toEqual(stored);
    expect(stored.filter((i) => 'heldExpiresAt' in i)).toEqual([]);
  });

  it('an interaction hold does not hold the participant’s other conversations', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const first = await startChat(c, tenantId);
    await placeHold(c, counselOf(tenantId), { interactionId: first, reason: 'claim 2026-58' });

    // Act
    const next = await startChat(c, tenantId);

    // Assess
    const stored = await storedPartition(c, tenantId, next);
    expect(stored.filter((i) => 'heldExpiresAt' in i)).toEqual([]);
  });
});

describe('a staff deletion and a hold placement exclude each other (deletion intents)', () => {
  it('a hold placed while a staff deletion of its interaction runs answers only once the deletion has ended', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await startChat(c, tenantId);
    const deletionStarted = gate();
    const deletionMayEnd = gate();
    const deleting = deleteUnlessHeld(c, tenantId, [partitionOf(tenantId, interactionId)], 'the chat log', async () => {
      deletionStarted.open();
      await deletionMayEnd.opened;
    });
    await deletionStarted.opened;
    let answered = false;

    // Act
    const placing = placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-59' }).then(() => {
      answered = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    const answeredDuringDeletion = answered;
    deletionMayEnd.open();
    await deleting;
    await placing;

    // Assess
    expect(answeredDuringDeletion).toBe(false);
    expect(answered).toBe(true);
  });

  it('the intent of a deletion that never ended holds a hold back for five minutes at most', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await startChat(c, tenantId);
    const deletionStarted = gate();
    void deleteUnlessHeld(c, tenantId, [partitionOf(tenantId, interactionId)], 'the chat log', async () => {
      deletionStarted.open();
      await new Promise(() => {});
    });
    await deletionStarted.opened;
    c.clock.advance(5 * 60 * 1000);
    const started = Date.now();

    // Act
    await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-60' });

    // Assess
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a staff deletion, done or refused, leaves no deletion intent behind', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const free = await startChat(c, tenantId);
    const held = await startChat(c, tenantId, { email: 'other@example.se' });
    await placeHold(c, counselOf(tenantId), { interactionId: held, reason: 'claim 2026-61' });

    // Act
    await deleteUnlessHeld(c, tenantId, [partitionOf(tenantId, free)], 'the chat log', async () => 'deleted');
    const refused = deleteUnlessHeld(c, tenantId, [partitionOf(tenantId, held)], 'the chat log', async () => 'deleted');

    // Assess
    await expect(refused).rejects.toMatchObject({ code: 'HELD' });
    expect((await c.directory.queryItems(tenantId, 'DELETING#', { limit: 10 })).items).toEqual([]);
  });
});

describe('a search by hold (GET /v1/interactions?held=…)', () => {
  it('held=true lists only the interactions a hold keeps, held=false only the others', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const held = await startChat(c, tenantId);
    const free = await startChat(c, tenantId, { email: 'free.visitor@example.se' });
    await placeHold(c, counselOf(tenantId), { interactionId: held, reason: 'claim 2026-63' });
    const admin = {
      actor: { tenantId, userId: 'u-admin', role: 'admin' as const, support: false },
      sourceIp: '192.0.2.10',
    };

    // Act
    const onlyHeld = await searchInteractions(adminDepsOf(c), admin, { held: 'true' });
    const notHeld = await searchInteractions(adminDepsOf(c), admin, { held: 'false' });

    // Assess
    expect(onlyHeld.items.map((i) => i.interactionId)).toEqual([held]);
    expect(notHeld.items.map((i) => i.interactionId)).toEqual([free]);
  });
});
