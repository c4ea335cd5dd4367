import type { SettableClock } from '../../../functions/domain/clock';
import { recordConsent } from '../../../functions/usecases/ingest/record-consent';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

type Container = ReturnType<typeof inMemoryContainer<SettableClock>>;

const VISITOR = { email: 'withdrawing.visitor@example.se' };

/** The visitor's answer on a purpose, recorded as the channel sends it. */
const consentOn = (c: Container, tenantId: string, purpose: string, granted: boolean) =>
  recordConsent(c, tenantId, {
    body: { subject: VISITOR, purpose, granted, noticeVersion: 'v1', channel: 'chat', at: c.clock.now().toISOString() },
  });

/** The general info of a chat the visitor starts now. */
async function newChatInfo(c: Container, tenantId: string) {
  const started = await startInteraction(c, tenantId, {
    body: { channel: 'chat', startedAt: c.clock.now().toISOString(), participant: VISITOR },
  });
  return c.stores
    .storesFor(HOME_REGION)
    .records.get({ pk: `T#${tenantId}#I#${started.body.interactionId}`, sk: 'INFO' });
}

describe('a withdrawn consent stops content storage from the moment it is recorded (consent standing at ingest)', () => {
  it('after the visitor withdrew consent to store content, their next chat keeps its general info but no content', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await consentOn(c, tenantId, 'storeContent', false);
    c.clock.advance(1000);

    // Act
    const info = await newChatInfo(c, tenantId);

    // Assess
    expect(info).toMatchObject({ contentRefused: 'withdrawn' });
  });

  it('a visitor who granted content storage again after withdrawing it has their next chat stored in full', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    await consentOn(c, tenantId, 'storeContent', false);
    c.clock.advance(1000);
    await consentOn(c, tenantId, 'storeContent', true);
    c.clock.advance(1000);

    // Act
    const info = await newChatInfo(c, tenantId);

    // Assess
    expect(info).toBeDefined();
    expect(info).not.toHaveProperty('contentRefused');
  });
});
