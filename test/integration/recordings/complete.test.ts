import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ulid } from 'ulid';
import { KEY_ENCRYPTION_KEY_ID } from '../../../functions/ports/data-key-store';
import type { RegionalStores } from '../../../functions/ports/regional-stores';
import { finaliseRecording } from '../../../functions/usecases/recordings/finalise-recording';
import { localNames, s3Client } from '../../support/emulators';
import { ingest, newTenant, partitionByRegion, rawItems, type Tenant } from '../ingest/support';
import {
  contentKeys,
  contentObject,
  fakeAudio,
  RECORDING_REGION,
  recordingRequested,
  testContainer,
  upload,
  type RecordingUpload,
} from './support';

type ErrorBody = { error: { code: string; message: string; fields?: Array<{ path: string; message: string }> } };

const complete = <T = Record<string, unknown>>(tenant: Tenant, recording: RecordingUpload) =>
  ingest<T>(tenant, recording.completeUrl, undefined);
const uploadKeyOf = (tenant: Tenant, r: RecordingUpload) =>
  `upload/${tenant.tenantId}/${r.interactionId}/${r.recordingId}`;
const sealedKeyOf = (tenant: Tenant, r: RecordingUpload) =>
  `recording/${tenant.tenantId}/${r.interactionId}/${r.recordingId}`;

/** The recording's pointer item as DynamoDB Local holds it, in the recording's region. */
async function pointerOf(tenant: Tenant, r: RecordingUpload) {
  const partition = await partitionByRegion(tenant.tenantId, `T#${tenant.tenantId}#I#${r.interactionId}`);
  return partition[RECORDING_REGION].find((i) => i.sk === `REC#${r.recordingId}`);
}

/** Opens a stored object with the interaction's data key, exactly as ingest scopes its other personal fields. */
const opened = (tenant: Tenant, r: RecordingUpload, stored: Buffer) =>
  testContainer().vault.open(
    { region: RECORDING_REGION, tenantId: tenant.tenantId, dataClass: 'recording', partitionId: r.interactionId },
    stored.toString('utf8'),
  );

describe('completing a recording upload', () => {
  it('seals the uploaded audio under the interaction’s data key and deletes the raw upload', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    const audio = fakeAudio();
    await upload(recording, audio);
    // Act
    const completed = await complete(tenant, recording);
    // Assess
    expect(recording.completeUrl).toBe(
      `/v1/interactions/${recording.interactionId}/recording/${recording.recordingId}/complete`,
    );
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({
      interactionId: recording.interactionId,
      recordingId: recording.recordingId,
      status: 'stored',
      mediaType: 'audio/mpeg',
      bytes: audio.length,
      finalisedAt: expect.any(String),
    });
    const stored = await contentObject(RECORDING_REGION, sealedKeyOf(tenant, recording));
    expect(stored).toBeDefined();
    expect(stored!.contentType).toBe('application/octet-stream');
    expect(stored!.bytes.equals(audio)).toBe(false);
    expect(stored!.bytes.subarray(0, 3).toString('latin1')).not.toBe('ID3');
    expect(stored!.bytes.includes(audio.subarray(-64))).toBe(false);
    expect((await opened(tenant, recording, stored!.bytes)).equals(audio)).toBe(true);
    const keys = await rawItems(RECORDING_REGION, 'keysTable', tenant.tenantId);
    expect(keys.map((k) => k.pk).sort()).toEqual(
      [`T#${tenant.tenantId}#K#${recording.interactionId}`, `T#${tenant.tenantId}#K#${KEY_ENCRYPTION_KEY_ID}`].sort(),
    );
    expect(await contentKeys(RECORDING_REGION, `upload/${tenant.tenantId}/`)).toEqual([]);
    expect(await pointerOf(tenant, recording)).toMatchObject({
      class: 'recording',
      status: 'stored',
      sealed: true,
      dekId: recording.interactionId,
      objectKey: sealedKeyOf(tenant, recording),
      uploadKey: uploadKeyOf(tenant, recording),
      mediaType: 'audio/mpeg',
      bytes: audio.length,
      finalisedAt: completed.body.finalisedAt,
    });
  });

  it('is harmless to repeat: the same answer, the same audio, nothing raw left', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    const audio = fakeAudio();
    await upload(recording, audio);
    const first = await complete(tenant, recording);
    // Act
    const second = await complete(tenant, recording);
    // Assess
    expect(second).toMatchObject({ status: 200, body: first.body });
    const stored = await contentObject(RECORDING_REGION, sealedKeyOf(tenant, recording));
    expect((await opened(tenant, recording, stored!.bytes)).equals(audio)).toBe(true);
    expect(await contentObject(RECORDING_REGION, uploadKeyOf(tenant, recording))).toBeUndefined();
  });

  it('before anything was uploaded is a 409 that says to upload first', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    // Act
    const refused = await complete<ErrorBody>(tenant, recording);
    // Assess
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('CONFLICT');
    expect(refused.body.error.message).toMatch(/has no upload to complete: PUT the audio to its upload URL first/);
    expect(await pointerOf(tenant, recording)).toMatchObject({ status: 'awaiting-upload' });
    expect(await contentObject(RECORDING_REGION, sealedKeyOf(tenant, recording))).toBeUndefined();
  });

  it('refuses an empty upload with a 400 naming it, and deletes it', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    await upload(recording, Buffer.alloc(0));
    // Act
    const refused = await complete<ErrorBody>(tenant, recording);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([{ path: 'upload', message: 'is empty (0 bytes)' }]);
    expect(await contentObject(RECORDING_REGION, uploadKeyOf(tenant, recording))).toBeUndefined();
    expect(await pointerOf(tenant, recording)).toMatchObject({ status: 'awaiting-upload' });
  });

  it('refuses an upload over 100 MiB with a 413, and deletes it', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    await upload(recording, Buffer.alloc(100 * 1024 * 1024 + 1, 0x55));
    // Act
    const refused = await complete<ErrorBody>(tenant, recording);
    // Assess
    expect(refused.status).toBe(413);
    expect(refused.body.error.message).toMatch(/has 104857601 bytes; at most 104857600 \(100 MiB\)/);
    expect(await contentObject(RECORDING_REGION, uploadKeyOf(tenant, recording))).toBeUndefined();
    expect(await contentObject(RECORDING_REGION, sealedKeyOf(tenant, recording))).toBeUndefined();
  });

  it('refuses an upload of another content type than its URL was issued for', async () => {
    // Prepare: an object put at the upload key some other way than through the presigned URL
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant, 'audio/wav');
    await s3Client(RECORDING_REGION).send(
      new PutObjectCommand({
        Bucket: localNames(RECORDING_REGION).contentBucket,
        Key: uploadKeyOf(tenant, recording),
        Body: fakeAudio(),
        ContentType: 'text/html',
      }),
    );
    // Act
    const refused = await complete<ErrorBody>(tenant, recording);
    // Assess
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual([
      { path: 'upload', message: 'has content type text/html, not audio/wav' },
    ]);
    expect(await contentObject(RECORDING_REGION, uploadKeyOf(tenant, recording))).toBeUndefined();
  });

  it('of an unknown recording is a 404, and a malformed recording id a 400 naming it', async () => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    // Act
    const unknown = await complete<ErrorBody>(tenant, {
      ...recording,
      completeUrl: `/v1/interactions/${recording.interactionId}/recording/${ulid()}/complete`,
    });
    const malformed = await complete<ErrorBody>(tenant, {
      ...recording,
      completeUrl: `/v1/interactions/${recording.interactionId}/recording/not-an-id/complete`,
    });
    // Assess
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.fields).toEqual([{ path: 'recordingId', message: 'must be a recording id (ULID)' }]);
  });

  // A crash right after each step that changes something: the sealed object written, the pointer finalised.
  it.each([
    ['the sealed object was written', 'content', 'put'],
    ['the pointer was finalised', 'records', 'update'],
  ] as const)('cut short after %s, ends in the same state when repeated', async (_step, store, method) => {
    // Prepare
    const tenant = await newTenant('iadvize');
    const recording = await recordingRequested(tenant);
    const audio = fakeAudio();
    await upload(recording, audio);
    const c = testContainer();
    const crashing = { ...c, stores: crashingAfter(c.stores, store, method) };
    await expect(
      finaliseRecording(crashing, tenant.tenantId, recording.interactionId, recording.recordingId),
    ).rejects.toThrow(`crash after ${store}.${method}`);
    // Act
    const retried = await complete(tenant, recording);
    // Assess
    expect(retried).toMatchObject({ status: 200, body: { status: 'stored', bytes: audio.length } });
    const stored = await contentObject(RECORDING_REGION, sealedKeyOf(tenant, recording));
    expect((await opened(tenant, recording, stored!.bytes)).equals(audio)).toBe(true);
    expect(await pointerOf(tenant, recording)).toMatchObject({
      sealed: true,
      objectKey: sealedKeyOf(tenant, recording),
    });
    expect(await contentObject(RECORDING_REGION, uploadKeyOf(tenant, recording))).toBeUndefined();
  });
});

/** Stores whose `store.method` does its work and then throws, as if the process died right after it. */
function crashingAfter(stores: RegionalStores, store: 'content' | 'records', method: 'put' | 'update'): RegionalStores {
  return {
    regions: stores.regions,
    storesFor(region) {
      const real = stores.storesFor(region);
      const target = real[store] as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
      const crashing = Object.create(target, {
        [method]: {
          value: async (...args: unknown[]) => {
            await target[method].apply(target, args);
            throw new Error(`crash after ${store}.${method}`);
          },
        },
      });
      return { ...real, [store]: crashing };
    },
  };
}
