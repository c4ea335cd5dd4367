import { CHANNELS, DATA_CLASSES, type DataClass, type IdentifierKind } from '../data-class';
import { parseDuration } from '../duration';
import type { TenantPolicy } from '../policy/schema';
import { actionAtExpiry } from '../retention/action-at-expiry';
import { retentionFor } from '../retention/retention-for';
import { wallClockAt } from '../retention/zoned-time';
import { CLASS_IN_WORDS, LAWFUL_BASIS_IN_WORDS, durationInWords } from './plain-words';

/** What was found about the subject in one class. */
export interface SubjectHolding {
  dataClass: DataClass;
  count: number;
  /** Regions the records were found in. */
  regions: readonly string[];
  /** Earliest and latest expiry among the records: when their retention ends. */
  firstExpiry?: Date;
  lastExpiry?: Date;
}

export interface SubjectSummaryInput {
  policy: TenantPolicy;
  requestId: string;
  generatedAt: Date;
  /** The kinds of identifier searched (never their values: the package may travel). */
  searchedBy: readonly IdentifierKind[];
  holdings: readonly SubjectHolding[];
}

const IDENTIFIER_IN_WORDS: Record<IdentifierKind, string> = {
  phone: 'phone number',
  email: 'e-mail address',
  visitorId: 'visitor id',
  name: 'name',
};

/** Tenant-written text inside a table cell: no line breaks, no Markdown or HTML that would render. */
const cell = (text: string) =>
  text.replace(/\s+/g, ' ').replace(/[\\|*_`[\]#<>]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : `\\${c}`));

function localDate(instant: Date, timeZone: string): string {
  const w = wallClockAt(instant.getTime(), timeZone);
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** "3 years (call, sms: 12 months)": the class retention and every channel that differs. */
function retentionInWords(policy: TenantPolicy, dataClass: DataClass): string {
  const base = durationInWords(retentionFor(policy, dataClass));
  const byDuration = new Map<string, string[]>();
  for (const channel of CHANNELS) {
    const words = durationInWords(retentionFor(policy, dataClass, channel));
    if (words !== base) byDuration.set(words, [...(byDuration.get(words) ?? []), channel]);
  }
  const exceptions = [...byDuration].map(([words, channels]) => `${channels.join(', ')}: ${words}`);
  return exceptions.length ? `${base} (${exceptions.join('; ')})` : base;
}

function afterExpiryInWords(policy: TenantPolicy, dataClass: DataClass): string {
  const { action, sealFirst } = actionAtExpiry(policy, dataClass);
  const archiveFor = parseDuration(policy.classes[dataClass].archiveRetention ?? '');
  const outcome = {
    delete: 'deleted',
    anonymize: 'your personal data is removed; anonymous statistics are kept',
    archive: `moved to a restricted archive, available only on request, and deleted ${archiveFor ? `${durationInWords(archiveFor)} later` : 'later'} or when our contract with the service ends, if sooner`,
  }[action];
  if (!sealFirst) return outcome;
  const sealedFor = durationInWords(retentionFor(policy, 'litigation'));
  return `${outcome}; a sealed copy is first kept for ${sealedFor}, only for legal claims`;
}

const span = (first: string, last: string) => (first === last ? first : `${first} to ${last}`);

/**
 * A human-readable summary of what is held about a data subject (GDPR Art. 15): per class, how
 * many records, why (purposes), on which lawful basis, who receives them, for how long and what
 * happens then — all taken from the tenant's policy — with dates in the tenant's time zone.
 */
export function subjectSummaryMarkdown(input: SubjectSummaryInput): string {
  const { policy } = input;
  const held = DATA_CLASSES.flatMap((c) => input.holdings.filter((h) => h.dataClass === c && h.count > 0));
  const lines = [
    '# What we hold about you',
    '',
    `Request ${cell(input.requestId)}, prepared on ${localDate(input.generatedAt, policy.timeZone)} (dates are in ${policy.timeZone} time).`,
    `Searched by: ${input.searchedBy.map((k) => IDENTIFIER_IN_WORDS[k]).join(', ') || 'nothing'}.`,
    '',
  ];
  if (!held.length) return [...lines, 'We hold no data about you.', ''].join('\n');

  lines.push(
    '| What | Records | Why we keep it | Legal basis | Who receives it | Stored in | Kept for | Retention ends |',
    '|---|---:|---|---|---|---|---|---|',
  );
  for (const h of held) {
    const c = policy.classes[h.dataClass];
    const ends =
      h.firstExpiry && h.lastExpiry
        ? span(localDate(h.firstExpiry, policy.timeZone), localDate(h.lastExpiry, policy.timeZone))
        : '—';
    const row = [
      CLASS_IN_WORDS[h.dataClass],
      String(h.count),
      cell(c.purposes.join('; ')),
      LAWFUL_BASIS_IN_WORDS[c.lawfulBasis],
      cell(c.recipients.join('; ') || '—'),
      cell([...h.regions].sort().join(', ') || '—'),
      retentionInWords(policy, h.dataClass),
      ends,
    ];
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('', '## When the retention ends', '');
  for (const h of held) lines.push(`- ${CLASS_IN_WORDS[h.dataClass]}: ${afterExpiryInWords(policy, h.dataClass)}.`);
  lines.push('');
  return lines.join('\n');
}
