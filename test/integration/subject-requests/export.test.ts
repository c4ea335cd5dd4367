import JSZip from 'jszip';
import { archiveItem } from '../../../functions/usecases/retention/record-actions';
import { viewOf } from '../../../functions/usecases/subject-requests/view-request';
import { newSubject, newTenant, runRequest, storeSubject, testContainer, testDeps } from './support';

const EU = 'eu-central-1';

interface Manifest {
  kind: string;
  requestId: string;
  recordsByClass: Record<string, number>;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

describe('export of everything held about a data subject (access and portability)', () => {
  it('one package through a short-lived link: JSON of every record in both regions, general info as CSV, each chat log as XML, the recording, a summary', async () => {
    // Prepare
    const c = testContainer();
    const tenant = await newTenant('iadvize');
    const [a, b] = [newSubject('anna'), newSubject('bruno')];
    const stored = await storeSubject(c, tenant, a);
    await storeSubject(c, tenant, b);
    const survey = await c.stores
      .storesFor(EU)
      .records.get({ pk: `T#${tenant.tenantId}#I#${stored.chatId}`, sk: `SURVEY#${stored.surveyId}` });
    await archiveItem(
      { deps: c, region: EU, tenantId: tenant.tenantId, now: new Date() },
      survey!,
      new Date(Date.now() + 86_400_000),
    );
    const deps = testDeps(c);

    // Act
    const job = await runRequest(deps, tenant.tenantId, {
      type: 'export',
      identifiers: { email: a.email, phone: a.phone },
      options: {},
    });
    const view = await viewOf(deps, job);
    const download = await fetch(view.download!.url);
    const zip = await JSZip.loadAsync(Buffer.from(await download.arrayBuffer()));
    const read = (path: string) => zip.file(path)!.async('string');

    // Assess
    expect(download.status).toBe(200);
    expect(new URL(view.download!.url).searchParams.get('X-Amz-Expires')).toBe('900');
    const manifest = JSON.parse(await read('manifest.json')) as Manifest;
    expect(manifest).toMatchObject({ kind: 'subject-export', requestId: job.requestId });
    expect(manifest.recordsByClass).toEqual({ interaction: 2, transcript: 3, survey: 1, recording: 2, consent: 1 });
    const paths = Object.keys(zip.files)
      .filter((p) => !zip.files[p].dir)
      .sort();
    expect(paths).toEqual(
      [
        'access-log.json',
        'general-info.csv',
        'manifest.json',
        'records/consent.json',
        'records/interaction.json',
        'records/recording.json',
        'records/survey.json',
        'records/transcript.json',
        `recordings/${stored.chatId}/${stored.recordingId}.mp3`,
        `recordings/${stored.chatId}/${stored.pendingRecordingId}.pending.mp3`,
        'summary.md',
        `transcripts/${stored.chatId}.xml`,
        `transcripts/${stored.smsId}.xml`,
      ].sort(),
    );
    const interactions = JSON.parse(await read('records/interaction.json')) as Array<{
      region: string;
      fields: { participant: { email?: string; phone: string } };
    }>;
    expect(interactions.map((r) => r.region).sort()).toEqual(['eu-central-1', 'us-east-1']);
    expect(interactions.find((r) => r.region === EU)?.fields.participant).toEqual({
      email: a.email,
      phone: a.phone,
      name: a.name,
    });
    expect(JSON.parse(await read('records/survey.json'))).toEqual([
      expect.objectContaining({
        tier: 'archived',
        fields: expect.objectContaining({ comment: `great help with ${a.marker}`, score: 9 }),
      }),
    ]);
    expect(JSON.parse(await read('records/consent.json'))[0].fields).toMatchObject({
      purpose: 'gdpr',
      granted: true,
      identifiers: { email: a.email, phone: a.phone },
    });
    const csv = await read('general-info.csv');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv).toContain(a.email);
    expect(await read(`transcripts/${stored.chatId}.xml`)).toContain(`Hello, about the ${a.marker} order`);
    expect(await read(`transcripts/${stored.smsId}.xml`)).toContain(`Is the ${a.marker} parcel shipped?`);
    expect(await zip.file(`recordings/${stored.chatId}/${stored.recordingId}.mp3`)!.async('string')).toBe(a.voice);
    expect(
      await zip.file(`recordings/${stored.chatId}/${stored.pendingRecordingId}.pending.mp3`)!.async('string'),
    ).toBe(a.voice);
    expect(JSON.parse(await read('access-log.json'))).toEqual([
      expect.objectContaining({ action: 'transcript.view', role: 'advisor', interactionId: stored.chatId }),
    ]);
    const summary = await read('summary.md');
    expect(summary).toContain('# What we hold about you');
    expect(summary).toContain('Searched by: phone number, e-mail address.');
    const everything = (await Promise.all(paths.map(read))).join('\n');
    for (const trace of [b.email, b.phone, b.marker, b.voice]) expect(everything).not.toContain(trace);
    expect(job.result).toMatchObject({
      verification: { ok: true, checked: { packageRecords: 9 } },
      export: { records: 9, withheldRestricted: 0 },
    });
  });
});
