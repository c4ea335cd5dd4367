import type { SettableClock } from '../../../functions/domain/clock';
import { recordConsent } from '../../../functions/usecases/ingest/record-consent';
import { subjectKeysAt } from '../../../functions/usecases/ingest/participant';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { clearErasing, markErasing } from '../../../functions/usecases/subject-markers/erasure-markers';
import { markSubject } from '../../../functions/usecases/subject-markers/restriction-markers';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const WEEK_MS = 7 * 24 * 3600 * 1000;
const VISITOR = { email: 'erased.visitor@example.se' };

/** The subject keys of the visitor's identifiers, as a subject request against them holds them. */
async function visitorKeys(c: Container, tenantId: string, identifiers: { email?: string; phone?: string } = VISITOR) {
  return subjectKeysAt(await loadTenant(c, tenantId), identifiers, 'subject');
}

/** A new chat with the visitor, as the channel starts it. */
const startChat = (c: Container, tenantId: string, participant: { email?: string; phone?: string } = VISITOR) =>
  startInteraction(c, tenantId, { body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant } });

/** Every record the tenant has in the home region's records table. */
async function storedRecords(c: Container, tenantId: string) {
  const items = [];
  for await (const item of c.stores.storesFor(HOME_REGION).records.scanTenant(tenantId)) items.push(item);
  return items;
}

const infoOf = (c: Container, tenantId: string, interactionId: string) =>
  c.stores.storesFor(HOME_REGION).records.get({ pk: `T#${tenantId}#I#${interactionId}`, sk: 'INFO' });

describe('while an erasure of a subject runs, ingest stores nothing new for them (erasure markers)', () => {
  it('a new conversation naming the subject is refused with ERASURE_IN_PROGRESS and nothing is written', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await markErasing(c.directory, tenantId, await visitorKeys(c, tenantId), 'req-erase-1', c.clock.now());

    // Act
    const starting = startChat(c, tenantId);

    // Assess
    await expect(starting).rejects.toMatchObject({ code: 'ERASURE_IN_PROGRESS' });
    expect(await storedRecords(c, tenantId)).toEqual([]);
  });

  it('a consent proof for the subject is refused too, under any of their identifiers', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = await visitorKeys(c, tenantId, { phone: '+46701234567' });
    await markErasing(c.directory, tenantId, keys, 'req-erase-2', c.clock.now());

    // Act
    const recording = recordConsent(c, tenantId, {
      body: {
        subject: { email: 'other.address@example.se', phone: '+46 70 123 45 67' },
        purpose: 'recording',
        granted: true,
        noticeVersion: 'v1',
        channel: 'call',
        at: c.clock.now().toISOString(),
      },
    });

    // Assess
    await expect(recording).rejects.toMatchObject({ code: 'ERASURE_IN_PROGRESS' });
    expect(await storedRecords(c, tenantId)).toEqual([]);
  });

  it('another subject is not held up by the erasure', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await markErasing(c.directory, tenantId, await visitorKeys(c, tenantId), 'req-erase-3', c.clock.now());

    // Act
    const started = await startChat(c, tenantId, { email: 'someone.else@example.se' });

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).toBeDefined();
  });

  it('once the erasure ends and clears its markers, the subject’s new conversations are stored again', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = await visitorKeys(c, tenantId);
    await markErasing(c.directory, tenantId, keys, 'req-erase-4', c.clock.now());
    await clearErasing(c.directory, tenantId, keys);

    // Act
    const started = await startChat(c, tenantId);

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).toBeDefined();
  });

  it('a marker left by an erasure job that died refuses for a week, then expires on its own', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await markErasing(c.directory, tenantId, await visitorKeys(c, tenantId), 'req-erase-5', c.clock.now());
    c.clock.advance(WEEK_MS - 1000);
    const withinTheWeek = startChat(c, tenantId);
    await expect(withinTheWeek).rejects.toMatchObject({ code: 'ERASURE_IN_PROGRESS' });
    c.clock.advance(1000);

    // Act
    const started = await startChat(c, tenantId);

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).toBeDefined();
  });
});

describe('a restriction (GDPR Art. 18) covers what ingest writes for the subject afterwards (restriction markers)', () => {
  it('a new conversation of a restricted subject is stored restricted by the restricting request', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = await visitorKeys(c, tenantId);
    await markSubject(c.directory, tenantId, keys, {
      requestId: 'req-restrict-1',
      at: c.clock.now().toISOString(),
      lift: false,
    });

    // Act
    const started = await startChat(c, tenantId);

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).toMatchObject({ restricted: 'req-restrict-1' });
  });

  it('a conversation naming the restricted subject among other identifiers is restricted too', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await markSubject(c.directory, tenantId, await visitorKeys(c, tenantId), {
      requestId: 'req-restrict-4',
      at: c.clock.now().toISOString(),
      lift: false,
    });

    // Act
    const started = await startChat(c, tenantId, { ...VISITOR, phone: '+46 70 123 45 67' });

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).toMatchObject({ restricted: 'req-restrict-4' });
  });

  it('once the restriction is lifted, new conversations of the subject are stored unrestricted', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = await visitorKeys(c, tenantId);
    const at = c.clock.now().toISOString();
    await markSubject(c.directory, tenantId, keys, { requestId: 'req-restrict-2', at, lift: false });
    await markSubject(c.directory, tenantId, keys, { requestId: 'req-restrict-2', at, lift: true });

    // Act
    const started = await startChat(c, tenantId);

    // Assess
    const info = await infoOf(c, tenantId, started.body.interactionId);
    expect(info).toBeDefined();
    expect(info).not.toHaveProperty('restricted');
  });

  it('a restriction of one subject leaves another subject’s new conversation unrestricted', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = await visitorKeys(c, tenantId);
    await markSubject(c.directory, tenantId, keys, {
      requestId: 'req-restrict-3',
      at: c.clock.now().toISOString(),
      lift: false,
    });

    // Act
    const started = await startChat(c, tenantId, { email: 'unrestricted@example.se' });

    // Assess
    expect(await infoOf(c, tenantId, started.body.interactionId)).not.toHaveProperty('restricted');
  });
});
