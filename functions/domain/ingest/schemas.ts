import * as z from 'zod';
import { CHANNELS } from '../data-class';
import { INGEST_LIMITS as L } from './limits';

/**
 * What channels send to the ingest API. These schemas are the single source of the request
 * validation (400 with every bad field, 413 past INGEST_LIMITS) and of the OpenAPI document.
 * Every object is strict: an unknown field is a mistake the caller should hear about, and it
 * cannot smuggle unredacted data past the rules.
 */

const Instant = z.iso
  .datetime({ offset: true, message: 'must be an ISO-8601 date-time such as 2025-03-01T09:30:00Z' })
  .meta({ example: '2025-03-01T09:30:00Z' });

/** Tenant-chosen labels (queue, agent, user type, …): counted in aggregates, never personal. */
const Label = z
  .string()
  .min(1)
  .max(100)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule refuses control characters
  .regex(/^[^\u0000-\u001f]+$/, 'must not contain control characters');

export const InteractionIdSchema = z.ulid('must be an interaction id (ULID)');

export const ParticipantSchema = z
  .object({
    phone: z
      .string()
      .min(3)
      .max(40)
      .regex(/^\+?[0-9][0-9 ().\-/]*$/, 'must be a phone number such as +46 70 123 45 67'),
    email: z.email('must be an e-mail address').max(254),
    name: z.string().min(1).max(200),
    visitorId: z.string().min(1).max(128),
    ip: z.union([z.ipv4(), z.ipv6()], 'must be an IPv4 or IPv6 address'),
  })
  .partial()
  .strict()
  .meta({ id: 'Participant', description: 'Who the end user is. Stored sealed; looked up only through keyed hashes.' });

export const InteractionConsentSchema = z
  .object({
    /** false = the end user opted out of content storage ("I do not accept that this chat is stored"). */
    storeContent: z.boolean().optional(),
    recording: z.boolean().optional(),
    gdpr: z
      .object({ granted: z.boolean(), noticeVersion: z.string().min(1).max(40) })
      .strict()
      .optional(),
  })
  .strict()
  .meta({ id: 'InteractionConsent' });

export const StartInteractionSchema = z
  .object({
    channel: z.enum(CHANNELS),
    startedAt: Instant,
    queue: Label.optional(),
    agent: Label.optional(),
    /** The agent group handling it (KPIs are counted by group; managers see their own group). */
    group: Label.optional(),
    participant: ParticipantSchema.default({}),
    consent: InteractionConsentSchema.default({}),
    externalId: z.string().min(1).max(200).optional(),
  })
  .strict()
  .meta({ id: 'StartInteraction' });
export type StartInteraction = z.infer<typeof StartInteractionSchema>;

export const FormFieldSchema = z
  .object({
    name: z.string().min(1).max(100),
    value: z.string().max(L.fieldValueChars),
    /** Sensitive field (e.g. a card number in a payment area): never stored, not even redacted. */
    hidden: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'FormField' });

export const DtmfSchema = z
  .object({
    digits: z.string().regex(/^[0-9*#A-D]{1,64}$/, 'must be 1 to 64 DTMF keys (0-9, *, #, A-D)'),
    /** IVR "mask digits": the digits are never stored. */
    masked: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'Dtmf' });

/** An e-mail on an e-mail channel: when the policy says storeBody=false only these two are kept. */
export const EmailRefSchema = z
  .object({ fromAddress: z.email('must be an e-mail address').max(254), url: z.url().max(2000) })
  .strict()
  .meta({ id: 'EmailRef' });

export const MessageSchema = z
  .object({
    from: z.enum(['visitor', 'agent', 'bot']),
    text: z.string().max(L.messageTextChars).default(''),
    at: Instant,
    fields: z.array(FormFieldSchema).max(L.fieldsPerMessage).default([]),
    dtmf: DtmfSchema.optional(),
    email: EmailRefSchema.optional(),
  })
  .strict()
  .refine((m) => m.text.length > 0 || m.fields.length > 0 || m.dtmf || m.email, {
    message: 'a message needs text, fields, dtmf or email',
  })
  .meta({ id: 'Message' });
export type MessageInput = z.infer<typeof MessageSchema>;

export const AppendMessagesSchema = z
  .object({ messages: z.array(MessageSchema).min(1).max(L.messagesPerRequest) })
  .strict()
  .meta({ id: 'AppendMessages' });
export type AppendMessages = z.infer<typeof AppendMessagesSchema>;

export const EndInteractionSchema = z
  .object({
    endedAt: Instant,
    waitSeconds: z
      .number()
      .int()
      .min(0)
      .max(31 * 86400)
      .default(0),
    talkSeconds: z
      .number()
      .int()
      .min(0)
      .max(31 * 86400)
      .default(0),
  })
  .strict()
  .meta({ id: 'EndInteraction' });
export type EndInteraction = z.infer<typeof EndInteractionSchema>;

export const RecordingRequestSchema = z
  .object({ contentType: z.enum(['audio/mpeg', 'audio/wav', 'audio/ogg']).default('audio/mpeg') })
  .strict()
  .meta({ id: 'RecordingRequest' });
export type RecordingRequest = z.infer<typeof RecordingRequestSchema>;

const payloadBytes = (payload: unknown) => Buffer.byteLength(JSON.stringify(payload), 'utf8');

export const ChatbotEventSchema = z
  .object({
    /** The sender's own event id: a retried delivery with the same id is stored once. */
    id: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, 'must be 1 to 128 characters of A-Z a-z 0-9 . _ : -'),
    type: z.enum(['question', 'click', 'rating', 'custom']),
    sessionId: z.string().min(1).max(128).optional(),
    userType: Label.optional(),
    source: Label.optional(),
    environment: Label.optional(),
    at: Instant,
    payload: z
      .record(z.string().max(100), z.unknown())
      .default({})
      .superRefine((payload, ctx) => {
        if (payloadBytes(payload) > L.eventPayloadBytes)
          ctx.addIssue({
            code: 'too_big',
            origin: 'object',
            maximum: L.eventPayloadBytes,
            inclusive: true,
            input: payload,
            message: `must be at most ${L.eventPayloadBytes} bytes of JSON`,
          });
      }),
  })
  .strict()
  .meta({ id: 'ChatbotEvent' });
export type ChatbotEventInput = z.infer<typeof ChatbotEventSchema>;

export const EventBatchSchema = z
  .object({ events: z.array(ChatbotEventSchema).min(1).max(L.eventsPerBatch) })
  .strict()
  .superRefine((batch, ctx) => {
    const seen = new Map<string, number>();
    batch.events.forEach((e, i) => {
      const first = seen.get(e.id);
      if (first === undefined) seen.set(e.id, i);
      else ctx.addIssue({ code: 'custom', path: ['events', i, 'id'], message: `repeats the id of events.${first}` });
    });
  })
  .meta({ id: 'EventBatch' });
export type EventBatch = z.infer<typeof EventBatchSchema>;

export const SurveySchema = z
  .object({
    interactionId: InteractionIdSchema,
    score: z.number().int().min(0).max(10),
    comment: z.string().max(L.commentChars).optional(),
    at: Instant.optional(),
  })
  .strict()
  .meta({ id: 'Survey' });
export type SurveyInput = z.infer<typeof SurveySchema>;

/** What a consent proof is about; withdrawing `gdpr` withdraws everything. */
export const CONSENT_PURPOSES = ['storeContent', 'recording', 'gdpr'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const ConsentSchema = z
  .object({
    subject: ParticipantSchema.omit({ ip: true }).refine((s) => Object.keys(s).length > 0, {
      message: 'name at least one identifier: phone, email, name or visitorId',
    }),
    purpose: z.enum(CONSENT_PURPOSES),
    granted: z.boolean(),
    noticeVersion: z.string().min(1).max(40),
    channel: z.enum(CHANNELS),
    at: Instant,
  })
  .strict()
  .meta({ id: 'Consent' });
export type ConsentInput = z.infer<typeof ConsentSchema>;

/** Header `Idempotency-Key`: a retried request with the same key and body is applied once. */
export const IdempotencyKeySchema = z
  .string()
  .regex(/^[\x21-\x7e]{1,200}$/, 'must be 1 to 200 printable ASCII characters without spaces');
