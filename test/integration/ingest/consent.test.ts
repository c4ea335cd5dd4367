import { testContainer } from '../adapters/container';
import { everythingStored, ingest, newTenant, partitionByRegion, readBack } from './support';

const now = () => new Date().toISOString();

describe('consent at ingest', () => {
  it('Puzzel: a chat whose visitor opted out of storage keeps its general info and drops its content', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: 'opted.out@example.se' },
      consent: { storeContent: false },
    });
    const { interactionId } = started.body;
    // Act
    const appended = await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'Secret words nobody keeps' }],
    });
    // Assess
    expect(appended).toMatchObject({ status: 201, body: { accepted: 1, stored: 0, contentRefused: 'opted_out' } });
    expect((await readBack(tenant, `/v1/interactions/${interactionId}`)).body).toMatchObject({
      contentStored: false,
      consent: { content: 'refused' },
    });
    expect((await readBack(tenant, `/v1/interactions/${interactionId}/transcript`)).body).toEqual({
      interactionId,
      messages: [],
    });
    const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${interactionId}`);
    expect(partition['eu-central-1'].map((i) => i.sk)).toEqual(['INFO', expect.stringMatching(/^SUBJ#email#/)]);
  });

  it('a consent withdrawn through POST /v1/consents stops content storage for that subject from that moment', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: 'Erik.Svensson@example.se' },
    });
    const { interactionId } = started.body;
    const before = await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'first line' }],
    });
    // Act
    const withdrawal = await ingest<{ consentId: string }>(tenant, '/v1/consents', {
      subject: { email: 'erik.svensson@EXAMPLE.se' },
      purpose: 'storeContent',
      granted: false,
      noticeVersion: 'v2',
      channel: 'chat',
      at: now(),
    });
    const after = await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: now(), text: 'second line' }],
    });
    const nextChat = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: 'erik.svensson@example.se' },
    });
    // Assess
    expect(before.body).toMatchObject({ stored: 1 });
    expect(withdrawal.status).toBe(201);
    expect(after.body).toMatchObject({ stored: 0, contentRefused: 'withdrawn' });
    const transcript = await readBack<{ messages: Array<{ text: string }> }>(
      tenant,
      `/v1/interactions/${interactionId}/transcript`,
    );
    expect(transcript.body.messages.map((m) => m.text)).toEqual(['first line']);
    expect((await readBack(tenant, `/v1/interactions/${nextChat.body.interactionId}`)).body).toMatchObject({
      contentStored: false,
    });
    const proof = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#C#${withdrawal.body.consentId}`);
    expect(proof['eu-central-1'].find((i) => i.sk === 'CONSENT')).toMatchObject({
      class: 'consent',
      purpose: 'storeContent',
      granted: false,
      noticeVersion: 'v2',
    });
    expect(await everythingStored(tenant.tenantId)).not.toMatch(/svensson/i);
  });

  it('Puzzel: a recording refused by the caller gets a 403 that says so, no URL, and deny_recording on the interaction', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt: now(),
      consent: { recording: false },
    });
    // Act
    const refused = await ingest<{ error: { code: string; message: string } }>(
      tenant,
      `/v1/interactions/${started.body.interactionId}/recording`,
      {},
    );
    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONSENT_REFUSED');
    expect(refused.body.error.message).toMatch(/consent was refused/i);
    expect(JSON.stringify(refused.body)).not.toMatch(/https?:/);
    expect((await readBack(tenant, `/v1/interactions/${started.body.interactionId}`)).body).toMatchObject({
      flags: ['deny_recording'],
    });
  });

  it('a recording the caller agreed to gets a presigned upload URL that accepts the audio', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'call',
      startedAt: now(),
      consent: { recording: true },
    });
    // Act
    const granted = await ingest<{ recordingId: string; uploadUrl: string; headers: Record<string, string> }>(
      tenant,
      `/v1/interactions/${started.body.interactionId}/recording`,
      { contentType: 'audio/mpeg' },
    );
    const upload = await fetch(granted.body.uploadUrl, {
      method: 'PUT',
      headers: granted.body.headers,
      body: Buffer.from('ID3 fake mp3 bytes'),
    });
    // Assess
    expect(granted.status).toBe(201);
    expect(granted.body.uploadUrl).toContain(
      `upload/${tenant.tenantId}/${started.body.interactionId}/${granted.body.recordingId}`,
    );
    expect(upload.status).toBe(200);
    const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${started.body.interactionId}`);
    expect(partition['eu-central-1'].find((i) => i.sk === `REC#${granted.body.recordingId}`)).toMatchObject({
      class: 'recording',
      status: 'awaiting-upload',
    });
  });

  it('iAdvize: a chat whose GDPR notice was not accepted stores nothing at all', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    // Act
    const refused = await ingest<{ error: { code: string } }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: now(),
      participant: { email: 'no.notice@example.fr' },
    });
    // Assess
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CONSENT_REFUSED');
    expect(await everythingStored(tenant.tenantId)).toBe('[]');
  });

  it('Puzzel: of an e-mail only the from-address and the URL are stored, never the body', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'email',
      startedAt: now(),
      participant: { email: 'kund@example.se' },
    });
    const email = { fromAddress: 'kund@example.se', url: 'https://mail.example.se/queue/4711' };
    // Act
    await ingest(tenant, `/v1/interactions/${started.body.interactionId}/messages`, {
      messages: [
        {
          from: 'visitor',
          at: now(),
          text: 'Body with my order history and IBAN SE45 5000 0000 0583 9825 7466',
          email,
        },
      ],
    });
    // Assess
    const transcript = await readBack<{ messages: unknown[] }>(
      tenant,
      `/v1/interactions/${started.body.interactionId}/transcript`,
    );
    expect(transcript.body.messages).toEqual([expect.objectContaining({ text: '', email })]);
    expect(await everythingStored(tenant.tenantId)).not.toMatch(/order history|SE45/);
  });

  it('a chatbot visitor who withdrew content storage has their events kept for the statistics without their payload', async () => {
    // Prepare
    const tenant = await newTenant('inbenta');
    const withdrawal = await ingest(tenant, '/v1/consents', {
      subject: { visitorId: 'visitor-withdrawn' },
      purpose: 'storeContent',
      granted: false,
      noticeVersion: 'v1',
      channel: 'chat',
      at: now(),
    });
    const event = (id: string, sessionId: string) => ({
      id,
      type: 'question',
      sessionId,
      userType: 'visitor',
      source: 'web',
      environment: 'production',
      at: now(),
      payload: { text: `question ${id} about my parcel` },
    });
    // Act
    const batch = await ingest(tenant, '/v1/events', {
      events: [event('w1', 'visitor-withdrawn'), event('k1', 'visitor-kept')],
    });
    // Assess
    expect(withdrawal.status).toBe(201);
    expect(batch.body).toMatchObject({ accepted: 2, stored: 2 });
    const { vault } = testContainer();
    const opened = async (id: string) => {
      const item = (await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#E#${id}`))['eu-central-1'][0];
      const fields = await vault.openJson(
        // Sealed under the key the event names: its session's shared key.
        {
          region: 'eu-central-1',
          tenantId: tenant.tenantId,
          dataClass: 'event',
          partitionId: id,
          dekId: item.dekId as string,
        },
        item.sealed as string,
      );
      return { item, fields };
    };
    const withdrawn = await opened('w1');
    const kept = await opened('k1');
    expect(withdrawn.item).toMatchObject({ class: 'event', type: 'question', contentRefused: 'withdrawn' });
    expect(withdrawn.fields).toEqual({ sessionId: 'visitor-withdrawn' });
    expect(kept.item.contentRefused).toBeUndefined();
    expect(kept.fields).toEqual({ payload: { text: 'question k1 about my parcel' }, sessionId: 'visitor-kept' });
  });
});
