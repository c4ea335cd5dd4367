/**
 * The kinds of data Lethe keeps. Each class has its own retention, region and post-expiry action
 * in the tenant policy, so a rule such as "chat logs 30 days" is always a rule about one class.
 */
export const DATA_CLASSES = [
  'interaction', // general info: channel, queue, agent, timestamps, wait/talk time, participant ids
  'transcript', // chat log / message content
  'recording', // call audio (S3)
  'survey', // score 0-10 and comment
  'event', // chatbot raw events: question, click, rating, custom
  'aggregate', // KPI counters, never personal
  'consent', // proof of consent given or withdrawn
  'audit', // access-log entries
  'litigation', // sealed archive batches
] as const;
export type DataClass = (typeof DATA_CLASSES)[number];

export const CHANNELS = ['chat', 'call', 'sms', 'email', 'social', 'messaging'] as const;
export type Channel = (typeof CHANNELS)[number];

/** What happens to a record the instant its retention ends. */
export const EXPIRY_ACTIONS = ['delete', 'anonymize', 'archive'] as const;
export type ExpiryAction = (typeof EXPIRY_ACTIONS)[number];

/** GDPR Art. 6(1) lawful bases, named as a privacy officer would write them. */
export const LAWFUL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'vital_interests',
  'public_task',
  'legitimate_interests',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Identifier kinds a data subject can be found by (always through keyed hashes). */
export const IDENTIFIER_KINDS = ['phone', 'email', 'visitorId', 'name'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];
