import * as z from 'zod';
import { CHANNELS } from '../data-class';
import { ParticipantSchema } from './schemas';

/**
 * What the ingest and read-back endpoints answer. The use cases return these shapes and the
 * OpenAPI document is generated from the same schemas, so the two cannot drift apart.
 */

export const InteractionCreatedSchema = z.object({ interactionId: z.string() }).meta({ id: 'InteractionCreated' });
export type InteractionCreated = z.infer<typeof InteractionCreatedSchema>;

export const MessagesAppendedSchema = z
  .object({
    interactionId: z.string(),
    accepted: z.number().int().describe('messages in the request'),
    stored: z.number().int().describe('messages stored (redacted); 0 when content may not be stored'),
    contentRefused: z
      .enum(['opted_out', 'not_opted_in', 'withdrawn', 'objected'])
      .optional()
      .describe('why no content was stored, when none was'),
  })
  .meta({ id: 'MessagesAppended' });
export type MessagesAppended = z.infer<typeof MessagesAppendedSchema>;

export const InteractionEndedSchema = z
  .object({
    interactionId: z.string(),
    endedAt: z.string(),
    region: z.string().describe('where its general info now lives'),
  })
  .meta({ id: 'InteractionEnded' });
export type InteractionEnded = z.infer<typeof InteractionEndedSchema>;

export const RecordingUploadSchema = z
  .object({
    recordingId: z.string(),
    uploadUrl: z.string().describe('presigned HTTP PUT URL'),
    method: z.literal('PUT'),
    headers: z.record(z.string(), z.string()).describe('headers the PUT must carry'),
    expiresAt: z.string(),
    completeUrl: z
      .string()
      .describe(
        'POST this path (relative to the API root) once the PUT succeeded: the audio is then sealed and the raw upload deleted; until then the recording cannot be played',
      ),
  })
  .meta({ id: 'RecordingUpload' });
export type RecordingUpload = z.infer<typeof RecordingUploadSchema>;

export const EventsIngestedSchema = z
  .object({
    accepted: z.number().int(),
    stored: z.number().int().describe('events stored by this request'),
    duplicates: z.number().int().describe('events whose id was already stored (retried deliveries)'),
  })
  .meta({ id: 'EventsIngested' });
export type EventsIngested = z.infer<typeof EventsIngestedSchema>;

export const SurveyStoredSchema = z
  .object({ surveyId: z.string(), interactionId: z.string() })
  .meta({ id: 'SurveyStored' });
export type SurveyStored = z.infer<typeof SurveyStoredSchema>;

export const ConsentStoredSchema = z.object({ consentId: z.string() }).meta({ id: 'ConsentStored' });
export type ConsentStored = z.infer<typeof ConsentStoredSchema>;

/** The clear (non-personal) facts of an interaction, shared by its full view and its search hit. */
export const InteractionFactsSchema = z.object({
  interactionId: z.string(),
  channel: z.enum(CHANNELS),
  region: z.string(),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  queue: z.string().optional(),
  agent: z.string().optional(),
  group: z.string().optional(),
  waitSeconds: z.number().optional(),
  talkSeconds: z.number().optional(),
  anonymisedAt: z
    .string()
    .optional()
    .describe('when its personal data was removed: kept for statistics, without its participant'),
});
export type InteractionFacts = z.infer<typeof InteractionFactsSchema>;

export const InteractionViewSchema = InteractionFactsSchema.extend({
  participant: ParticipantSchema.optional(),
  externalId: z.string().optional(),
  consent: z.object({
    content: z.enum(['granted', 'refused', 'not-asked']),
    recording: z.enum(['granted', 'refused', 'not-asked']),
    noticeVersion: z.string().optional(),
  }),
  contentStored: z
    .boolean()
    .describe(
      'whether a chat log or a recording is stored and readable now; a withdrawal of consent stops new content, it keeps what was stored before',
    ),
  flags: z.array(z.enum(['deny_recording'])),
  expiresAt: z.string(),
}).meta({ id: 'InteractionView' });
export type InteractionView = z.infer<typeof InteractionViewSchema>;

export const TranscriptViewSchema = z
  .object({
    interactionId: z.string(),
    messages: z.array(
      z.object({
        seq: z.number().int(),
        from: z.enum(['visitor', 'agent', 'bot']),
        at: z.string(),
        text: z.string().describe('as stored: redacted'),
        fields: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
        dtmf: z.string().optional(),
        email: z.object({ fromAddress: z.string(), url: z.string() }).optional(),
      }),
    ),
  })
  .meta({ id: 'TranscriptView' });
export type TranscriptView = z.infer<typeof TranscriptViewSchema>;

const ConsentProofRefSchema = z
  .object({
    recordedAt: z.string().describe('when the deciding proof took effect'),
    noticeVersion: z.string().optional(),
    requestId: z.string().optional().describe('the objection request, when an objection decides'),
  })
  .meta({ id: 'ConsentProofRef' });

export const ConsentStandingAnswerSchema = z
  .object({
    purpose: z.string(),
    allowed: z.boolean().describe('false once the subject objected to the purpose or withdrew their consent'),
    basis: z
      .enum(['objection', 'withdrawal', 'consent', 'none'])
      .describe('what decides: none = no proof on record (the channel’s own opt-in rules still apply)'),
    proof: ConsentProofRefSchema.optional(),
  })
  .meta({ id: 'ConsentStanding' });
export type ConsentStandingAnswer = z.infer<typeof ConsentStandingAnswerSchema>;
