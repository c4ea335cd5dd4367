import { GetObjectCommand, ListObjectsV2Command, NoSuchKey } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { buildContainer, type Container } from '../../../functions/shared/container';
import { parseRuntimeConfig } from '../../../functions/shared/runtime-config';
import { localNames, s3Client } from '../../support/emulators';
import { ingest, type Tenant } from '../ingest/support';

/**
 * Helpers of the recording tests: a call recorded through the real ingest API and presigned
 * upload, the production composition root on the emulators (to open what was sealed, and shred),
 * and raw reads of the content buckets through the SDK.
 */

/** iAdvize: calls live in the US while they run, recordings in their final region, the EU. */
export const RECORDING_REGION = 'eu-central-1';

/** Audio as a channel uploads it: an ID3 header (what plain MP3 starts with), then frames. */
export const fakeAudio = (): Buffer =>
  Buffer.concat([
    Buffer.from('ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000', 'latin1'),
    Buffer.from([0xff, 0xfb, 0x90, 0x64]),
    randomBytes(4096),
  ]);

export interface RecordingUpload {
  interactionId: string;
  recordingId: string;
  uploadUrl: string;
  headers: Record<string, string>;
  completeUrl: string;
}

/** A call whose caller agreed to recording, and the upload URL the channel got for it. */
export async function recordingRequested(tenant: Tenant, contentType = 'audio/mpeg'): Promise<RecordingUpload> {
  const started = await ingest<{ interactionId: string }>(tenant, '/v1/interactions', {
    channel: 'call',
    startedAt: new Date().toISOString(),
    consent: { recording: true, gdpr: { granted: true, noticeVersion: 'v1' } },
  });
  if (started.status !== 201) throw new Error(`start answered ${started.status}: ${JSON.stringify(started.body)}`);
  const requested = await ingest<Omit<RecordingUpload, 'interactionId'>>(
    tenant,
    `/v1/interactions/${started.body.interactionId}/recording`,
    { contentType },
  );
  if (requested.status !== 201)
    throw new Error(`the recording request answered ${requested.status}: ${JSON.stringify(requested.body)}`);
  return { interactionId: started.body.interactionId, ...requested.body };
}

/** PUTs `audio` through the presigned URL, as the channel does. */
export async function upload(recording: RecordingUpload, audio: Uint8Array): Promise<void> {
  const put = await fetch(recording.uploadUrl, {
    method: 'PUT',
    headers: recording.headers,
    body: new Uint8Array(audio),
  });
  if (!put.ok) throw new Error(`the upload answered ${put.status}: ${await put.text()}`);
}

/** The production composition root on the emulators, as the functions build it. */
export const testContainer = (): Container => buildContainer({}, parseRuntimeConfig(process.env));

/** The current bytes of an object of a region's content bucket, straight through the SDK; undefined when absent. */
export async function contentObject(
  region: string,
  key: string,
): Promise<{ bytes: Buffer; contentType?: string } | undefined> {
  try {
    const out = await s3Client(region).send(
      new GetObjectCommand({ Bucket: localNames(region).contentBucket, Key: key }),
    );
    return { bytes: Buffer.from(await out.Body!.transformToByteArray()), contentType: out.ContentType };
  } catch (error) {
    if (error instanceof NoSuchKey) return undefined;
    throw error;
  }
}

/** Keys under `prefix` in a region's content bucket. */
export async function contentKeys(region: string, prefix: string): Promise<string[]> {
  const out = await s3Client(region).send(
    new ListObjectsV2Command({ Bucket: localNames(region).contentBucket, Prefix: prefix }),
  );
  return (out.Contents ?? []).map((o) => o.Key!);
}
