import { payloadTooLarge, validationFailed, type LetheError } from '../errors';

/**
 * What a completed upload may be. 100 MiB holds about 1 h 45 min of 128 kbit/s MP3 or of 8 kHz
 * 16-bit mono WAV (telephony), and leaves the 1 GB ingest function room to read, seal and write
 * it within API Gateway's 29 s. The content type must be the one the upload URL was issued for
 * (audio/mpeg, audio/wav or audio/ogg); S3 already refuses a PUT with another, this also
 * refuses an object put there some other way.
 */
export const RECORDING_UPLOAD_LIMITS = { maxBytes: 100 * 1024 * 1024 } as const;

/** The route that completes an upload, relative to the API root. */
export const completePath = (interactionId: string, recordingId: string) =>
  `/v1/interactions/${interactionId}/recording/${recordingId}/complete`;

/** Why an uploaded object cannot become the recording, if it cannot; judged from its size and type before reading it. */
export function uploadRefusal(
  upload: { bytes: number; contentType?: string },
  mediaType: string,
): LetheError | undefined {
  const again = 'Nothing was stored and the upload was deleted: PUT the audio to the upload URL again, then complete.';
  if (upload.bytes === 0)
    return validationFailed(
      [{ path: 'upload', message: 'is empty (0 bytes)' }],
      `The uploaded recording is empty. ${again}`,
    );
  if (upload.bytes > RECORDING_UPLOAD_LIMITS.maxBytes)
    return payloadTooLarge(
      `The uploaded recording has ${upload.bytes} bytes; at most ${RECORDING_UPLOAD_LIMITS.maxBytes} (100 MiB) are accepted. ${again}`,
    );
  if (upload.contentType !== mediaType)
    return validationFailed(
      [{ path: 'upload', message: `has content type ${upload.contentType ?? '(none)'}, not ${mediaType}` }],
      `The uploaded recording is not of the content type its upload URL was issued for. ${again}`,
    );
  return undefined;
}
