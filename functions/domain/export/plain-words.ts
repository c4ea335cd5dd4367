import type { DataClass, LawfulBasis } from '../data-class';
import type { CalendarDuration } from '../duration';

/** How the person whose data it is would call each class. */
export const CLASS_IN_WORDS: Record<DataClass, string> = {
  interaction: 'Conversation details (when, channel, queue, waiting and talk time, your contact details)',
  transcript: 'Chat logs and message content',
  recording: 'Call recordings',
  survey: 'Satisfaction surveys (score and comment)',
  event: 'Chatbot activity (questions, clicks, ratings)',
  aggregate: 'Anonymous statistics',
  consent: 'Records of the consent you gave or withdrew',
  audit: 'Access log entries about your conversations',
  litigation: 'Sealed archive kept for legal claims',
};

export const LAWFUL_BASIS_IN_WORDS: Record<LawfulBasis, string> = {
  consent: 'your consent (GDPR Art. 6(1)(a))',
  contract: 'performance of a contract (GDPR Art. 6(1)(b))',
  legal_obligation: 'a legal obligation (GDPR Art. 6(1)(c))',
  vital_interests: 'vital interests (GDPR Art. 6(1)(d))',
  public_task: 'a task in the public interest (GDPR Art. 6(1)(e))',
  legitimate_interests: 'legitimate interests (GDPR Art. 6(1)(f))',
};

/** `P1Y6M` → "1 year 6 months", `PT36H` → "36 hours". */
export function durationInWords(d: CalendarDuration): string {
  const units: [number, string][] = [
    [d.years, 'year'],
    [d.months, 'month'],
    [d.days, 'day'],
    [d.hours, 'hour'],
    [d.minutes, 'minute'],
    [d.seconds, 'second'],
  ];
  return units
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`)
    .join(' ');
}
