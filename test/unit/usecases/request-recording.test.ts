import { recordConsent } from '../../../functions/usecases/ingest/record-consent';
import { requestRecording } from '../../../functions/usecases/ingest/request-recording';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

/** A call whose caller agreed to recording when it started (Puzzel calls are opt-in). */
async function consentedCall(c: ReturnType<typeof inMemoryContainer>, tenantId: string, phone: string) {
  const started = await startInteraction(c, tenantId, {
    body: {
      channel: 'call',
      startedAt: c.clock.now().toISOString(),
      participant: { phone },
      consent: { recording: true },
    },
  });
  return started.body.interactionId;
}

const partitionOf = (c: ReturnType<typeof inMemoryContainer>, tenantId: string, interactionId: string) =>
  c.stores.storesFor(HOME_REGION).records.queryPartition(`T#${tenantId}#I#${interactionId}`, { consistent: true });

describe('a recording is requested (POST /v1/interactions/{id}/recording)', () => {
  it('with the caller’s consent standing, an upload URL is issued and the pointer stored', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    expect(issued.status).toBe(201);
    expect(issued.body.uploadUrl).toContain(`upload%2F${tenantId}%2F${interactionId}%2F${issued.body.recordingId}`);
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.find((i) => i.sk === `REC#${issued.body.recordingId}`)).toMatchObject({ status: 'awaiting-upload' });
  });

  it('once the caller withdrew recording consent, no URL is issued: 403, deny_recording on the interaction, no pointer', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');
    c.clock.advance(60_000);
    await recordConsent(c, tenantId, {
      body: {
        subject: { phone: '+46 70 123 45 67' },
        purpose: 'recording',
        granted: false,
        noticeVersion: 'v1',
        channel: 'call',
        at: c.clock.now().toISOString(),
      },
    });

    // Act
    const requesting = requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    await expect(requesting).rejects.toMatchObject({
      code: 'CONSENT_REFUSED',
      message: expect.stringMatching(/withdrew/),
    });
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.find((i) => i.sk === 'INFO')).toMatchObject({
      flags: ['deny_recording'],
      recordingRefused: 'withdrawn',
    });
    expect(stored.filter((i) => i.sk.startsWith('REC#'))).toEqual([]);
  });
});
