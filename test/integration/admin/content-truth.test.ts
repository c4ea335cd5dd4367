import JSZip from 'jszip';
import { as, converse, fakeMp3, ingest, newTenant, subjectRequest, type StaffUser } from './support';
import { callApi } from '../../support/api';

/** What the API says about an interaction's content matches what is stored (issue 10, the smaller cases). */
const HOUR = 3_600_000;

interface CertificateLine {
  store: string;
  dataClass?: string;
  found: number;
  action: string;
  done?: number;
}

describe('what is said about content is what is stored', () => {
  it("an anonymised call's deleted recording is listed as deleted, not stored", async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const { interactionId, recordingId } = await converse(tenant, {
      participant: { phone: '+46702223344' },
      audio: fakeMp3('gone'),
    });
    const before = await as<{ recordings: Array<{ status: string }> }>(
      admin,
      `/v1/interactions/${interactionId}/content`,
    );
    // Act
    const done = await subjectRequest(admin, {
      type: 'anonymize',
      identifiers: { phone: '+46702223344' },
      options: { content: 'delete' },
    });
    const after = await as<{ recordings: Array<{ recordingId: string; status: string }> }>(
      admin,
      `/v1/interactions/${interactionId}/content`,
    );
    const play = await as<{ error: { message: string } }>(
      admin,
      `/v1/interactions/${interactionId}/recordings/${recordingId}/play`,
    );
    // Assess
    expect(done.status).toBe('completed');
    expect(before.body.recordings.map((r) => r.status)).toEqual(['stored']);
    expect(after.body.recordings).toEqual([expect.objectContaining({ recordingId, status: 'deleted' })]);
    expect(play.status).toBe(404);
    expect(play.body.error.message).toMatch(/was deleted/);
  });

  it('after a consent withdrawal the chat log stored before it still counts: contentStored is true in the view and the search hit', async () => {
    // Prepare: a chat with one stored line, then the visitor withdraws content consent
    const tenant = await newTenant('puzzel');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const startedAt = new Date().toISOString();
    const { interactionId } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt,
      participant: { email: 'karin.berg@example.se' },
    });
    await ingest(tenant, `/v1/interactions/${interactionId}/messages`, {
      messages: [{ from: 'visitor', at: startedAt, text: 'kept line' }],
    });
    await ingest(tenant, '/v1/consents', {
      subject: { email: 'karin.berg@example.se' },
      purpose: 'storeContent',
      granted: false,
      noticeVersion: 'v2',
      channel: 'chat',
      at: new Date().toISOString(),
    });
    const refused = await ingest<{ stored: number; contentRefused?: string }>(
      tenant,
      `/v1/interactions/${interactionId}/messages`,
      { messages: [{ from: 'visitor', at: new Date().toISOString(), text: 'not kept' }] },
    );
    const { interactionId: later } = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
      channel: 'chat',
      startedAt: new Date().toISOString(),
      participant: { email: 'karin.berg@example.se' },
    });
    const range = `from=${new Date(Date.now() - HOUR).toISOString()}&to=${new Date(Date.now() + HOUR).toISOString()}`;
    // Act
    const view = await as<{ contentStored: boolean }>(admin, `/v1/interactions/${interactionId}`);
    const hits = await as<{ items: Array<{ interactionId: string; contentStored: boolean }> }>(
      admin,
      `/v1/interactions?${range}`,
    );
    const laterView = await as<{ contentStored: boolean }>(admin, `/v1/interactions/${later}`);
    // Assess
    expect(refused).toMatchObject({ stored: 0, contentRefused: 'withdrawn' });
    expect(view.body.contentStored).toBe(true);
    expect(hits.body.items.map((i) => [i.interactionId, i.contentStored]).sort()).toEqual(
      [
        [interactionId, true],
        [later, false],
      ].sort(),
    );
    expect(laterView.body.contentStored).toBe(false);
  });

  it('an export certificate counts as exported only what its package holds (a restricted recording is withheld)', async () => {
    // Prepare: a recorded call of a subject whose processing is restricted
    const tenant = await newTenant('puzzel');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    await converse(tenant, { participant: { phone: '+46703334455' }, messages: ['hello'], audio: fakeMp3('kept') });
    expect((await subjectRequest(admin, { type: 'restrict', identifiers: { phone: '+46703334455' } })).status).toBe(
      'completed',
    );
    // Act: an admin (not legal) exports the subject
    const exported = (await subjectRequest(admin, {
      type: 'export',
      identifiers: { phone: '+46703334455' },
    })) as unknown as { status: string; result: { lines: CertificateLine[] }; download: { url: string } };
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(exported.download.url)).arrayBuffer()));
    // Assess: the content line found the recording, and says none was exported, as the package shows
    const files = Object.keys(zip.files);
    const contentLine = exported.result.lines.find((l) => l.store === 'content' && l.dataClass === 'recording');
    expect(contentLine).toMatchObject({ action: 'exported', done: 0 });
    expect(contentLine!.found).toBeGreaterThan(0);
    expect(files.filter((f) => f.startsWith('recordings/'))).toEqual([]);
    const recordLines = exported.result.lines.filter((l) => l.store === 'records');
    for (const dataClass of new Set(recordLines.map((l) => l.dataClass))) {
      const done = recordLines.filter((l) => l.dataClass === dataClass).reduce((n, l) => n + (l.done ?? 0), 0);
      const inPackage = JSON.parse((await zip.file(`records/${dataClass}.json`)?.async('string')) ?? '[]') as unknown[];
      expect([dataClass, done]).toEqual([dataClass, inPackage.length]);
    }
  });

  it('an ended interaction takes no more messages: 409 ENDED naming it, nothing stored', async () => {
    // Prepare
    const tenant = await newTenant('puzzel');
    const admin: StaffUser = { tenantId: tenant.tenantId, role: 'admin', user: 'u-admin' };
    const { interactionId } = await converse(tenant, { channel: 'chat', messages: ['before the end'] });
    // Act
    const late = await callApi<{ error: { code: string; message: string } }>(
      `/v1/interactions/${interactionId}/messages`,
      {
        method: 'POST',
        body: { messages: [{ from: 'visitor', at: new Date().toISOString(), text: 'after the end' }] },
        headers: { 'x-api-key': tenant.apiKey },
      },
    );
    // Assess
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('ENDED');
    expect(late.body.error.message).toContain(interactionId);
    const transcript = await as<{ messages: Array<{ text: string }> }>(
      admin,
      `/v1/interactions/${interactionId}/transcript`,
    );
    expect(transcript.body.messages.map((m) => m.text)).toEqual(['before the end']);
  });
});
