import type { Channel, DataClass, IdentifierKind } from './data-class';

/**
 * The records Lethe keeps, as plain data. Storage adapters map them to items (see
 * docs/storage-layout.md: personal fields travel inside `sealed`, everything else stays in clear
 * attributes); the domain reads and writes them only through these shapes.
 *
 * Times are ISO-8601 UTC strings (`2024-03-01T09:30:00.000Z`), ids are ULIDs.
 */
export type IsoInstant = string;

/** The identifiers a data subject can be found by. Values are as received, not normalised. */
export type SubjectIdentifiers = Partial<Record<IdentifierKind, string>>;

/** Who the conversation was with. Every field is personal data. */
export interface Participant extends SubjectIdentifiers {
  /** Source IP of a web visitor (iAdvize collects it; it is deleted at the end of retention). */
  ip?: string;
}

/** Whether the end user allowed something; `not-asked` means the channel never asked. */
export type ConsentState = 'granted' | 'refused' | 'not-asked';

/** What the end user agreed to for this interaction. Not personal: it is kept when anonymised. */
export interface InteractionConsent {
  /** Chat log / message content (Puzzel: "I do not accept that this chat is stored"). */
  content: ConsentState;
  /** Call recording (Puzzel: recorded only with the caller's consent). */
  recording: ConsentState;
  /** Version of the GDPR notice the end user accepted, when the channel requires one. */
  noticeVersion?: string;
}

/**
 * General info of one interaction (class `interaction`): what stays visible in the archive even
 * after its content is deleted (Puzzel). Statistics (channel, queue, agent, group, times,
 * durations) are not personal and survive anonymisation; `participant` and `externalId` do not.
 */
export interface InteractionInfo {
  tenantId: string;
  interactionId: string;
  channel: Channel;
  queue?: string;
  /** The agent's id in the tenant's directory (an employee, not the data subject). */
  agent?: string;
  group?: string;
  startedAt: IsoInstant;
  endedAt?: IsoInstant;
  waitSeconds?: number;
  talkSeconds?: number;
  participant?: Participant;
  consent: InteractionConsent;
  /** The tenant's own id for the interaction; it links back to systems that name the person. */
  externalId?: string;
  /** Set once the personal fields were removed; an anonymised interaction is never found by identifier. */
  anonymisedAt?: IsoInstant;
}

/**
 * One chat-log line (class `transcript`). Message text is content: it is deleted, or kept whole
 * when an anonymisation keeps content, never edited field by field.
 */
export interface Message {
  interactionId: string;
  /** Order within the interaction, from 0; two lines can share an `at`. */
  seq: number;
  from: 'visitor' | 'agent' | 'bot';
  text: string;
  at: IsoInstant;
}

/** Satisfaction survey of an interaction (class `survey`): score 0–10 and an optional comment. */
export interface Survey {
  surveyId: string;
  interactionId: string;
  score: number;
  /** Free text: personal, removed when anonymised. */
  comment?: string;
  at: IsoInstant;
  anonymisedAt?: IsoInstant;
}

/** Pointer to a call recording (class `recording`); the audio is an object in the content bucket. */
export interface RecordingRef {
  interactionId: string;
  recordingId: string;
  /** e.g. `audio/mpeg`. */
  mediaType: string;
  durationSeconds?: number;
  bytes?: number;
  at: IsoInstant;
}

/** Raw chatbot event (class `event`, Inbenta): questions, clicks, ratings and custom events. */
export interface ChatbotEvent {
  id: string;
  type: 'question' | 'click' | 'rating' | 'custom';
  /** Groups the events of one bot session; an online identifier, so personal. */
  sessionId?: string;
  /** Aggregate dimensions (Inbenta KPIs are counted by user type, source and environment). */
  userType?: string;
  source?: string;
  environment?: string;
  at: IsoInstant;
  /** Type-specific content: the question text, the clicked item, the rating value, … */
  payload: Record<string, unknown>;
  anonymisedAt?: IsoInstant;
}

/** Proof that an end user gave or withdrew consent (class `consent`, GDPR Art. 7(1)). */
export interface ConsentProof {
  consentId: string;
  identifiers: SubjectIdentifiers;
  purpose: string;
  noticeVersion: string;
  channel: Channel;
  granted: boolean;
  at: IsoInstant;
  anonymisedAt?: IsoInstant;
}

/**
 * A record with its personal fields opened, as the restricted exports of retention show it (the
 * archive-tier CSV, a decrypted litigation batch): its key, class and expiry, then every field.
 */
export interface OpenedRecord {
  pk: string;
  sk: string;
  dataClass: DataClass;
  /** Epoch seconds: when its retention ended. */
  expiresAt: number;
  fields: Record<string, unknown>;
}
