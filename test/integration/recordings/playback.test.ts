import { KEY_ENCRYPTION_KEY_ID } from '../../../functions/ports/data-key-store';
import { DataKeyGone } from '../../../functions/usecases/personal-data/personal-data-vault';
import { localNames } from '../../support/emulators';
import { ingest, newTenant, rawItems, readBack, type Tenant } from '../ingest/support';
import {
  contentObject,
  fakeAudio,
  RECORDING_REGION,
  recordingRequested,
  testContainer,
  upload,
  type RecordingUpload,
} from './support';

type MediaLink = { url: string; expiresAt: string; mediaType: string };
type ErrorBody = { error: { code: string; message: string } };

/** A call recording uploaded and completed through the ingest API, as a channel does it. */
async function completedRecording(tenant: Tenant, audio: Buffer): Promise<RecordingUpload> {
  const recording = await recordingRequested(tenant);
  await upload(recording, audio);
  const completed = await ingest(tenant, recording.completeUrl, undefined);
  if (completed.status !== 200)
    throw new Error(`complete answered ${completed.status}: ${JSON.stringify(completed.body)}`);
  return recording;
}

const linkOf = (tenant: Tenant, r: RecordingUpload, purpose: 'play' | 'download') =>
  readBack<MediaLink>(tenant, `/v1/interactions/${r.interactionId}/recordings/${r.recordingId}/${purpose}`);

describe('playing a sealed recording', () => {
  it('gives a 5-minute link to a plain copy in the recording’s own region that plays the original audio', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const audio = fakeAudio();
    const recording = await completedRecording(tenant, audio);
    const asked = Date.now();
    // Act
    const link = await linkOf(tenant, recording, 'play');
    const played = await fetch(link.body.url);
    // Assess
    expect(link.status).toBe(200);
    expect(link.body.mediaType).toBe('audio/mpeg');
    expect(Date.parse(link.body.expiresAt) - asked).toBeGreaterThan(290_000);
    expect(Date.parse(link.body.expiresAt) - asked).toBeLessThanOrEqual(310_000);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('audio/mpeg');
    expect(Buffer.from(await played.arrayBuffer()).equals(audio)).toBe(true);
    const [, bucket, ...key] = new URL(link.body.url).pathname.split('/');
    expect(bucket).toBe(localNames(RECORDING_REGION).contentBucket);
    expect(key.join('/')).toMatch(new RegExp(`^playback/${tenant.tenantId}/[0-9a-f]{32}/[0-9a-f-]{36}\\.mp3$`));
    expect(link.body.url).not.toContain(recording.interactionId);
    expect(link.body.url).not.toContain(recording.recordingId);
  });

  it('downloads the original audio as an attachment named after the recording', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const audio = fakeAudio();
    const recording = await completedRecording(tenant, audio);
    // Act
    const link = await linkOf(tenant, recording, 'download');
    const downloaded = await fetch(link.body.url);
    // Assess
    expect(link.status).toBe(200);
    expect(downloaded.headers.get('content-disposition')).toBe(`attachment; filename="${recording.recordingId}.mp3"`);
    expect(Buffer.from(await downloaded.arrayBuffer()).equals(audio)).toBe(true);
  });

  it('of an upload never completed is a 404 saying it is not available yet, and serves nothing raw', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    await upload(recording, fakeAudio());
    // Act
    const play = await readBack<ErrorBody>(
      tenant,
      `/v1/interactions/${recording.interactionId}/recordings/${recording.recordingId}/play`,
    );
    const download = await readBack<ErrorBody>(
      tenant,
      `/v1/interactions/${recording.interactionId}/recordings/${recording.recordingId}/download`,
    );
    // Assess
    for (const refused of [play, download]) {
      expect(refused.status).toBe(404);
      expect(refused.body.error.message).toMatch(
        new RegExp(`Recording ${recording.recordingId} is not available yet: its upload was never completed`),
      );
      expect(JSON.stringify(refused.body)).not.toMatch(/https?:/);
    }
  });
});

describe('crypto-shredding a recording', () => {
  it('once the interaction’s data key is destroyed, no copy of the stored recording can be opened', async () => {
    // Prepare: a raw copy of the sealed object, as an old S3 version or a backup would keep it
    const tenant = await newTenant('iadvize');
    const recording = await completedRecording(tenant, fakeAudio());
    const copy = (await contentObject(
      RECORDING_REGION,
      `recording/${tenant.tenantId}/${recording.interactionId}/${recording.recordingId}`,
    ))!.bytes;
    const scope = {
      region: RECORDING_REGION,
      tenantId: tenant.tenantId,
      dataClass: 'recording' as const,
      partitionId: recording.interactionId,
    };
    const c = testContainer();
    await expect(c.vault.open(scope, copy.toString('utf8'))).resolves.toBeInstanceOf(Buffer);
    // Act
    await c.vault.shred(RECORDING_REGION, tenant.tenantId, recording.interactionId, 'tenant-purge');
    // Assess
    await expect(c.vault.open(scope, copy.toString('utf8'))).rejects.toBeInstanceOf(DataKeyGone);
    await expect(testContainer().vault.open(scope, copy.toString('utf8'))).rejects.toBeInstanceOf(DataKeyGone);
    // What stays is the tenant's key-encryption key of the region, which wraps no key of this partition any more.
    expect((await rawItems(RECORDING_REGION, 'keysTable', tenant.tenantId)).map((k) => k.pk)).toEqual([
      `T#${tenant.tenantId}#K#${KEY_ENCRYPTION_KEY_ID}`,
    ]);
  });
});
