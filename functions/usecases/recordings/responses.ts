import * as z from 'zod';

/** What completing a recording answers: the recording as it is now stored. */
export const RecordingCompletedSchema = z
  .object({
    interactionId: z.string(),
    recordingId: z.string(),
    status: z.literal('stored').describe("sealed under the interaction's data key; the raw upload is deleted"),
    mediaType: z.string().describe('of the audio as uploaded'),
    bytes: z.number().int().describe('size of the audio as uploaded'),
    finalisedAt: z.string(),
  })
  .meta({ id: 'RecordingCompleted' });
export type RecordingCompleted = z.infer<typeof RecordingCompletedSchema>;
