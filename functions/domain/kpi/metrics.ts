/**
 * The KPI counters Lethe keeps, per tenant and day. None of them, and none of their dimensions,
 * is personal: they survive every erasure and anonymisation.
 */
export const METRICS = [
  // Inbenta chatbot events, by userType × source × environment
  'questions',
  'clicks',
  'ratings',
  'customEvents',
  'sessions',
  // contact-centre interactions, by channel × queue × group
  'interactions',
  'endedInteractions',
  'waitSeconds',
  'talkSeconds',
  // surveys, by channel × queue × group × score (the score distribution)
  'surveys',
] as const;
export type Metric = (typeof METRICS)[number];

export const DIMENSIONS = ['channel', 'queue', 'group', 'userType', 'source', 'environment', 'score'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Value of a dimension the sender left out, so counts still add up per day. */
export const UNSPECIFIED = 'none';
