/**
 * The size limits of the ingest API, stated once so the schemas, the 413 responses and the OpenAPI
 * document agree. A request over any of them is refused whole with 413 PAYLOAD_TOO_LARGE and the
 * offending fields named; nothing of it is stored.
 */
export const INGEST_LIMITS = {
  /** Raw JSON body of any ingest request, in bytes (API Gateway allows 10 MB; we need far less). */
  bodyBytes: 1024 * 1024,
  /** Messages in one POST /v1/interactions/{id}/messages. */
  messagesPerRequest: 50,
  /** Characters of one message text (an e-mail body counts as one message). */
  messageTextChars: 20_000,
  /** Form fields attached to one message, and characters of one field value. */
  fieldsPerMessage: 50,
  fieldValueChars: 2_000,
  /** Chatbot events in one POST /v1/events. */
  eventsPerBatch: 500,
  /** Serialised JSON of one event payload, in bytes. */
  eventPayloadBytes: 8 * 1024,
  /** Characters of a survey comment. */
  commentChars: 4_000,
} as const;
