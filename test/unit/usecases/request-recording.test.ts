import type { SettableClock } from '../../../functions/domain/clock';
import { recordConsent } from '../../../functions/usecases/ingest/record-consent';
import { requestRecording } from '../../../functions/usecases/ingest/request-recording';
import { startInteraction } from '../../../functions/usecases/ingest/start-interaction';
import { placeHold } from '../../../functions/usecases/holds/place-hold';
import { subjectKeysAt } from '../../../functions/usecases/ingest/participant';
import { loadTenant } from '../../../functions/usecases/ingest/tenant-context';
import { markSubject } from '../../../functions/usecases/subject-markers/restriction-markers';
import { counselOf, HOME_REGION, inMemoryContainer, openTenant } from '../../support/in-memory-container';

/** A call whose caller agreed to recording when it started (Puzzel calls are opt-in). */
async function consentedCall(c: ReturnType<typeof inMemoryContainer<SettableClock>>, tenantId: string, phone: string) {
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

const partitionOf = (c: ReturnType<typeof inMemoryContainer<SettableClock>>, tenantId: string, interactionId: string) =>
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

describe('what a recording request is answered with', () => {
  it('the upload URL is for the content type the channel declared and works for 15 minutes', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/wav' } });

    // Assess
    expect(issued.body).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'audio/wav' },
      expiresAt: new Date(c.clock.now().getTime() + 15 * 60 * 1000).toISOString(),
    });
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.find((i) => i.sk === `REC#${issued.body.recordingId}`)).toMatchObject({ mediaType: 'audio/wav' });
  });

  it('a request without a body asks for an MP3 upload', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: undefined });

    // Assess
    expect(issued.body.headers).toEqual({ 'content-type': 'audio/mpeg' });
  });

  it('a content type that is not audio the archive takes is a 400 naming contentType, and no pointer is stored', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const requesting = requestRecording(c, tenantId, interactionId, { body: { contentType: 'video/mp4' } });

    // Assess
    await expect(requesting).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The recording request is not valid.',
      fields: [expect.objectContaining({ path: 'contentType' })],
    });
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.filter((i) => i.sk.startsWith('REC#'))).toEqual([]);
  });

  it('an interaction id that is not a ULID is a 400 naming id', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');

    // Act
    const requesting = requestRecording(c, tenantId, 'not-an-id', { body: { contentType: 'audio/mpeg' } });

    // Assess
    await expect(requesting).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: 'The interaction id is not valid.',
      fields: [{ path: 'id', message: 'must be an interaction id (ULID)' }],
    });
  });

  it('a retry with the same Idempotency-Key gets the same recording with a fresh URL, and one pointer is stored', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');
    const request = { body: { contentType: 'audio/mpeg' }, idempotencyKey: 'rec-retry-0001' };
    const first = await requestRecording(c, tenantId, interactionId, request);
    c.clock.advance(20 * 60 * 1000);

    // Act
    const retried = await requestRecording(c, tenantId, interactionId, request);

    // Assess
    expect(retried.body.recordingId).toBe(first.body.recordingId);
    expect(retried.body.expiresAt).toBe(new Date(c.clock.now().getTime() + 15 * 60 * 1000).toISOString());
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.filter((i) => i.sk.startsWith('REC#'))).toHaveLength(1);
  });

  it('an Idempotency-Key used for one interaction’s recording is refused for another’s', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const first = await consentedCall(c, tenantId, '+46701234567');
    const second = await consentedCall(c, tenantId, '+46701234568');
    const request = { body: { contentType: 'audio/mpeg' }, idempotencyKey: 'rec-reused-0001' };
    await requestRecording(c, tenantId, first, request);

    // Act
    const requesting = requestRecording(c, tenantId, second, request);

    // Assess
    await expect(requesting).rejects.toMatchObject({ code: 'CONFLICT' });
    const stored = (await partitionOf(c, tenantId, second)).items;
    expect(stored.filter((i) => i.sk.startsWith('REC#'))).toEqual([]);
  });
});

describe('a recording pointer follows the rules of its interaction', () => {
  it('once the caller withdrew the GDPR notice, no recording is issued either', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');
    await recordConsent(c, tenantId, {
      body: {
        subject: { phone: '+46701234567' },
        purpose: 'gdpr',
        granted: false,
        noticeVersion: 'v1',
        channel: 'call',
        at: c.clock.now().toISOString(),
      },
    });

    // Act
    const requesting = requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    await expect(requesting).rejects.toMatchObject({ code: 'CONSENT_REFUSED' });
  });

  it('the recording of a restricted caller’s interaction is restricted by the same request', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const keys = subjectKeysAt(await loadTenant(c, tenantId), { phone: '+46701234567' }, 'subject');
    await markSubject(c.directory, tenantId, keys, {
      requestId: 'req-restrict-rec',
      at: c.clock.now().toISOString(),
      lift: false,
    });
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.find((i) => i.sk === `REC#${issued.body.recordingId}`)).toMatchObject({
      restricted: 'req-restrict-rec',
    });
  });

  it('the recording of an unrestricted interaction carries no restriction', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    expect(stored.find((i) => i.sk === `REC#${issued.body.recordingId}`)).not.toHaveProperty('restricted');
  });

  it('the recording of a held interaction is written out of TTL’s reach from the start', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');
    await placeHold(c, counselOf(tenantId), { interactionId, reason: 'claim 2026-70' });

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    const pointer = stored.find((i) => i.sk === `REC#${issued.body.recordingId}`);
    expect(pointer).toMatchObject({ heldExpiresAt: expect.any(Number) });
    expect(pointer).not.toHaveProperty('expiresAt');
    expect(pointer).not.toHaveProperty('expiryBucket');
  });

  it('the recording of an interaction no hold keeps expires like any recording', async () => {
    // Prepare
    const c = inMemoryContainer();
    const tenantId = await openTenant(c, 'puzzel');
    const interactionId = await consentedCall(c, tenantId, '+46701234567');

    // Act
    const issued = await requestRecording(c, tenantId, interactionId, { body: { contentType: 'audio/mpeg' } });

    // Assess
    const stored = (await partitionOf(c, tenantId, interactionId)).items;
    const pointer = stored.find((i) => i.sk === `REC#${issued.body.recordingId}`);
    expect(pointer).toMatchObject({ expiresAt: expect.any(Number) });
    expect(pointer).not.toHaveProperty('heldExpiresAt');
  });
});
