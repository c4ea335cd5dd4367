import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { callApi } from '../../support/api';
import { env } from '../../support/emulators';
import { namePrefixes } from '../../../functions/domain/subject/name-prefixes';
import { recordsOf } from '../retention/support';
import { as, converse, fakeMp3, newTenant, subjectRequest, type StaffUser, type Tenant } from './support';

const adminOf = (tenant: Tenant): StaffUser => ({
  tenantId: tenant.tenantId,
  role: 'admin',
  user: 'u-admin',
  group: 'admins',
});

interface Summary {
  interactionId: string;
  queue?: string;
  channel: string;
  startedAt: string;
}
type Page = { items: Summary[]; nextToken?: string };

describe('searching the archive', () => {
  it('search by phone finds the interaction, however the number is written', async () => {
    // Prepare
    const tenant = await newTenant();
    const { interactionId } = await converse(tenant, {
      participant: { phone: '+46 70 123 45 67' },
      queue: 'support',
      group: 'sales',
    });
    await converse(tenant, { participant: { phone: '+46 70 999 99 99' } });
    // Act
    const found = await as<Page>(adminOf(tenant), `/v1/interactions?phone=${encodeURIComponent('070-123 45 67')}`);
    // Assess
    expect(found.status).toBe(200);
    expect(found.body.items.map((i) => i.interactionId)).toEqual([interactionId]);
    expect(found.body.items[0]).not.toHaveProperty('participant');
  });

  it('finds by e-mail and by name, case and spacing ignored; a malformed phone is a 400 naming it', async () => {
    // Prepare
    const tenant = await newTenant();
    const { interactionId } = await converse(tenant, {
      channel: 'chat',
      participant: { email: 'Anna.Berg@Example.com', name: 'Anna  Berg' },
    });
    // Act
    const byEmail = await as<Page>(adminOf(tenant), '/v1/interactions?email=anna.berg%40example.com');
    const byName = await as<Page>(adminOf(tenant), '/v1/interactions?name=ANNA%20BERG');
    const bad = await as<{ error: { fields: Array<{ path: string }> } }>(
      adminOf(tenant),
      '/v1/interactions?phone=call-me',
    );
    // Assess
    expect(byEmail.body.items.map((i) => i.interactionId)).toEqual([interactionId]);
    expect(byName.body.items.map((i) => i.interactionId)).toEqual([interactionId]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f) => f.path)).toEqual(['phone']);
  });

  it('finds by the start of the name\'s words, every word typed must match; erasing "Anna Berg" leaves "Annabelle" found and no prefix entry of Anna', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const anna = await converse(tenant, { channel: 'chat', participant: { name: 'Anna Berg' } });
    const annabelle = await converse(tenant, { channel: 'chat', participant: { name: 'Annabelle Lind' } });
    const hits = async (query: string) =>
      (await as<Page>(admin, `/v1/interactions?${query}`)).body.items.map((i) => i.interactionId).sort();

    // Act
    const byAnn = await hits('namePrefix=ANN');
    const byAnnBer = await hits('namePrefix=ann+ber');
    const tooShort = await as<{ error: { fields: Array<{ path: string }> } }>(admin, '/v1/interactions?namePrefix=an');
    const erased = await subjectRequest(admin, { type: 'erase', identifiers: { name: 'Anna Berg' } });
    const afterErasure = await hits('namePrefix=ann');

    // Assess
    expect(byAnn).toEqual([anna.interactionId, annabelle.interactionId].sort());
    expect(byAnnBer).toEqual([anna.interactionId]);
    expect(tooShort.status).toBe(400);
    expect(tooShort.body.error.fields.map((f) => f.path)).toEqual(['namePrefix']);
    expect(erased.status).toBe('completed');
    expect(afterErasure).toEqual([annabelle.interactionId]);
    const stored = await recordsOf(tenant.tenantId);
    const prefixesOf = (id: string) =>
      stored.filter((i) => i.pk.endsWith(`#I#${id}`) && i.sk.startsWith('SUBJ#namePrefix#'));
    expect(prefixesOf(anna.interactionId)).toEqual([]);
    expect(prefixesOf(annabelle.interactionId)).toHaveLength(namePrefixes('Annabelle Lind').length);
  });

  it('an anonymised interaction ("forget me") is no longer found by phone, but still by time, without its caller (Puzzel)', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const forgotten = await converse(tenant, { participant: { phone: '+46705550001' }, messages: ['my order'] });
    const kept = await converse(tenant, { participant: { phone: '+46705550002' } });
    // Act
    const done = await subjectRequest(admin, {
      type: 'anonymize',
      identifiers: { phone: '+46705550001' },
      options: {},
    });
    const byPhone = await as<Page>(admin, '/v1/interactions?phone=%2B46705550001');
    const byTime = await as<Page>(admin, '/v1/interactions');
    // Assess
    expect(done.status).toBe('completed');
    expect(byPhone.body.items).toEqual([]);
    expect(byTime.body.items.map((i) => i.interactionId).sort()).toEqual(
      [kept.interactionId, forgotten.interactionId].sort(),
    );
    expect(byTime.body.items.find((i) => i.interactionId === forgotten.interactionId)).toHaveProperty('anonymisedAt');
    expect(JSON.stringify(byTime.body)).not.toContain('46705550001');
  });

  it('by time, queue and channel, newest first, page after page without repeats', async () => {
    // Prepare: five calls an hour apart in queue "billing", one chat, one call in another queue
    const tenant = await newTenant();
    const base = Date.now() - 10 * 3600_000;
    const calls: string[] = [];
    for (let h = 0; h < 5; h++)
      calls.push(
        (
          await converse(tenant, {
            channel: 'call',
            queue: 'billing',
            startedAt: new Date(base + h * 3600_000).toISOString(),
          })
        ).interactionId,
      );
    await converse(tenant, { channel: 'chat', queue: 'billing' });
    await converse(tenant, { channel: 'call', queue: 'sales' });
    const query = `channel=call&queue=billing&from=${encodeURIComponent(new Date(base - 60_000).toISOString())}&limit=2`;
    // Act
    const pages: Page[] = [];
    let token: string | undefined;
    do {
      const res = await as<Page>(adminOf(tenant), `/v1/interactions?${query}${token ? `&nextToken=${token}` : ''}`);
      expect(res.status).toBe(200);
      pages.push(res.body);
      token = res.body.nextToken;
    } while (token);
    // Assess
    expect(pages.flatMap((p) => p.items.map((i) => i.interactionId))).toEqual([...calls].reverse());
    expect(pages[0].items).toHaveLength(2);
  });

  it('a token is only good for the search it came from', async () => {
    const tenant = await newTenant();
    for (let i = 0; i < 3; i++) await converse(tenant, { queue: 'q' });
    const first = await as<Page>(adminOf(tenant), '/v1/interactions?queue=q&limit=1');
    const other = await as<{ error: { fields: Array<{ path: string }> } }>(
      adminOf(tenant),
      `/v1/interactions?queue=other&limit=1&nextToken=${first.body.nextToken}`,
    );
    expect(other.status).toBe(400);
    expect(other.body.error.fields.map((f) => f.path)).toEqual(['nextToken']);
  });
});

describe('content of an interaction', () => {
  it('the recording plays from a short-lived presigned URL, and downloads as an mp3 attachment', async () => {
    // Prepare
    const tenant = await newTenant();
    const audio = fakeMp3('play-me');
    const { interactionId, recordingId } = await converse(tenant, { audio });
    // Act
    const play = await as<{ url: string; expiresAt: string; mediaType: string }>(
      adminOf(tenant),
      `/v1/interactions/${interactionId}/recordings/${recordingId}/play`,
    );
    const download = await as<{ url: string }>(
      adminOf(tenant),
      `/v1/interactions/${interactionId}/recordings/${recordingId}/download`,
    );
    const played = await fetch(play.body.url);
    const downloaded = await fetch(download.body.url);
    // Assess
    expect(play.status).toBe(200);
    expect(play.body.mediaType).toBe('audio/mpeg');
    expect(Date.parse(play.body.expiresAt) - Date.now()).toBeLessThanOrEqual(300_000);
    expect(Buffer.from(await played.arrayBuffer())).toEqual(Buffer.from(audio));
    expect(downloaded.headers.get('content-disposition')).toContain(`${recordingId}.mp3`);
  });

  it('the chat log is viewed as JSON and downloaded as XML', async () => {
    // Prepare
    const tenant = await newTenant();
    const { interactionId } = await converse(tenant, {
      channel: 'chat',
      messages: ['Hello <there>', 'How can I help?'],
    });
    // Act
    const view = await as<{ messages: Array<{ text: string }> }>(
      adminOf(tenant),
      `/v1/interactions/${interactionId}/transcript`,
    );
    const xml = await as<string>(adminOf(tenant), `/v1/interactions/${interactionId}/transcript`, {
      headers: { accept: 'application/xml' },
    });
    // Assess
    expect(view.body.messages.map((m) => m.text)).toEqual(['Hello <there>', 'How can I help?']);
    expect(xml.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(xml.headers.get('content-disposition')).toBe(`attachment; filename="chat-log-${interactionId}.xml"`);
    expect(xml.body).toContain(`<chatLog interactionId="${interactionId}">`);
    expect(xml.body).toContain('Hello &lt;there&gt;');
  });

  it('general info stays visible after its chat log and recording are deleted (Puzzel)', async () => {
    // Prepare
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const { interactionId, recordingId } = await converse(tenant, {
      participant: { phone: '+46701234000' },
      queue: 'support',
      messages: ['a', 'b'],
      audio: fakeMp3('gone'),
    });
    // Act
    const transcript = await as(admin, `/v1/interactions/${interactionId}/transcript`, { method: 'DELETE' });
    const recording = await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}`, {
      method: 'DELETE',
    });
    // Assess
    expect([transcript.status, recording.status]).toEqual([200, 200]);
    const info = await as<{ queue: string; participant: { phone: string } }>(
      admin,
      `/v1/interactions/${interactionId}`,
    );
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ queue: 'support', participant: { phone: '+46701234000' } });
    const content = await as<{ transcript: { messages: number; deletedAt?: string }; recordings: unknown[] }>(
      admin,
      `/v1/interactions/${interactionId}/content`,
    );
    expect(content.body.transcript.messages).toBe(0);
    expect(content.body.transcript.deletedAt).toEqual(expect.any(String));
    expect(content.body.recordings).toEqual([]);
    expect(
      (await as<{ messages: unknown[] }>(admin, `/v1/interactions/${interactionId}/transcript`)).body.messages,
    ).toEqual([]);
    expect((await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}/download`)).status).toBe(404);
    expect((await as(admin, `/v1/interactions/${interactionId}/recordings/${recordingId}/play`)).status).toBe(404);
  });

  it('a recording id that is not a ULID is a 400 naming it', async () => {
    const tenant = await newTenant();
    const { interactionId } = await converse(tenant, {});
    const res = await as<{ error: { fields: Array<{ path: string }> } }>(
      adminOf(tenant),
      `/v1/interactions/${interactionId}/recordings/not-an-id/play`,
    );
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f) => f.path)).toEqual(['recordingId']);
  });
});

describe('restricted data (GDPR Art. 18)', () => {
  it('its general info stays visible; its content and export rows are for the legal role only', async () => {
    // Prepare: the subject asked to restrict processing
    const tenant = await newTenant();
    const admin = adminOf(tenant);
    const legal: StaffUser = { tenantId: tenant.tenantId, role: 'legal', user: 'counsel' };
    const { interactionId, recordingId } = await converse(tenant, {
      queue: 'restricted',
      participant: { phone: '+46701119999' },
      messages: ['hello'],
      audio: fakeMp3('r'),
    });
    expect(
      (await subjectRequest(admin, { type: 'restrict', identifiers: { phone: '+46701119999' }, options: {} })).status,
    ).toBe('completed');
    // Act
    const statuses = async (who: StaffUser) => [
      (await as(who, `/v1/interactions/${interactionId}`)).status,
      (await as(who, `/v1/interactions/${interactionId}/transcript`)).status,
      (await as(who, `/v1/interactions/${interactionId}/recordings/${recordingId}/play`)).status,
    ];
    const adminSees = await statuses(admin);
    const legalSees = await statuses(legal);
    const adminExport = await as<string>(admin, '/v1/interactions/export?format=csv&queue=restricted');
    const legalExport = await as<string>(legal, '/v1/interactions/export?format=csv&queue=restricted');
    const search = await as<{ items: Array<{ restricted: boolean }> }>(admin, '/v1/interactions?queue=restricted');
    // Assess
    expect(adminSees).toEqual([200, 403, 403]);
    expect(legalSees).toEqual([200, 200, 200]);
    expect(adminExport.body.trim().split('\r\n')).toHaveLength(1); // the header only
    expect(legalExport.body).toContain('+46701119999');
    expect(search.body.items).toEqual([expect.objectContaining({ restricted: true })]);
  });
});

describe('exports and bulk actions', () => {
  it('general info of a search result exports as xlsx that opens with exceljs and holds the rows', async () => {
    // Prepare
    const tenant = await newTenant();
    await converse(tenant, { queue: 'export-me', participant: { phone: '+46701230001', name: 'Anna Berg' } });
    await converse(tenant, { queue: 'export-me', participant: { phone: '+46701230002' } });
    await converse(tenant, { queue: 'not-me' });
    // Act
    const res = await fetch(`${env('LETHE_API')}/v1/interactions/export?format=xlsx&queue=export-me`, {
      headers: {
        authorization: `Bearer ${await tokenOfAdmin(tenant)}`,
        accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
    });
    // Assess
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="general-info-\d{4}-\d{2}-\d{2}\.xlsx"$/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.getWorksheet('General info')!;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows[0].slice(1) as string[];
    expect(header.slice(0, 3)).toEqual(['interactionId', 'channel', 'queue']);
    const phones = rows.slice(1).map((r) => r[header.indexOf('participantPhone') + 1]);
    expect(phones.sort()).toEqual(['+46701230001', '+46701230002']);
  });

  it('the same rows export as CSV', async () => {
    const tenant = await newTenant();
    await converse(tenant, { queue: 'csv', participant: { email: 'jo@example.com' } });
    const res = await as<string>(adminOf(tenant), '/v1/interactions/export?format=csv&queue=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('jo@example.com');
  });

  it('bulk download packs the chat logs and recordings of the selection into one zip', async () => {
    // Prepare
    const tenant = await newTenant();
    const a = await converse(tenant, { messages: ['first'], audio: fakeMp3('a') });
    const b = await converse(tenant, { messages: ['second'] });
    // Act
    const res = await as<{
      url: string;
      results: Array<{ interactionId: string; status: string; transcripts: number; recordings: number }>;
    }>(adminOf(tenant), '/v1/interactions/bulk-download', {
      body: { interactionIds: [a.interactionId, b.interactionId], content: ['transcript', 'recording'] },
    });
    const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(res.body.url)).arrayBuffer()));
    // Assess
    expect(res.body.results).toEqual([
      { interactionId: a.interactionId, status: 'done', transcripts: 1, recordings: 1 },
      { interactionId: b.interactionId, status: 'done', transcripts: 1, recordings: 0 },
    ]);
    expect(
      Object.keys(zip.files)
        .filter((f) => !f.endsWith('/'))
        .sort(),
    ).toEqual(
      [
        `${a.interactionId}/chat-log.xml`,
        `${a.interactionId}/${a.recordingId}.mp3`,
        `${b.interactionId}/chat-log.xml`,
      ].sort(),
    );
    expect(await zip.file(`${b.interactionId}/chat-log.xml`)!.async('string')).toContain('second');
  });

  it('bulk delete removes the selected content and keeps every general info', async () => {
    // Prepare
    const tenant = await newTenant();
    const a = await converse(tenant, { messages: ['x'], audio: fakeMp3('x') });
    const b = await converse(tenant, { messages: ['y'], audio: fakeMp3('y') });
    // Act
    const res = await as<{ results: unknown[] }>(adminOf(tenant), '/v1/interactions/bulk-delete', {
      body: { interactionIds: [a.interactionId, b.interactionId], content: ['recording'] },
    });
    // Assess
    expect(res.body.results).toEqual([
      { interactionId: a.interactionId, status: 'done', recordings: 1 },
      { interactionId: b.interactionId, status: 'done', recordings: 1 },
    ]);
    for (const id of [a.interactionId, b.interactionId]) {
      const content = await as<{ transcript: { messages: number }; recordings: unknown[] }>(
        adminOf(tenant),
        `/v1/interactions/${id}/content`,
      );
      expect(content.body).toMatchObject({ transcript: { messages: 1 }, recordings: [] });
    }
  });
});

async function tokenOfAdmin(tenant: Tenant): Promise<string> {
  const { localAdminToken } = await import('../../../functions/cli/commands/token');
  const clock = await callApi<{ now: string }>('/_local/clock');
  return localAdminToken(
    { tenant: tenant.tenantId, role: 'admin', user: 'u-admin', hours: '1', now: clock.body.now },
    process.env,
  );
}
