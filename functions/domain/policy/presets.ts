import type { DataClass } from '../data-class';
import type { ClassPolicy, TenantPolicy, TenantPolicyInput } from './schema';
import { parsePolicy } from './parse';

/**
 * Starting policies taken from the vendor pages in shared/seeds. A tenant starts from one and
 * edits it; every number below is quoted from its seed.
 */
type ClassInput = TenantPolicyInput['classes'][DataClass];

/** Purposes, bases and recipients every preset shares; a preset changes only what its seed says. */
function commonClasses(): Record<DataClass, ClassInput> {
  const cls = (c: Partial<ClassPolicy> & Pick<ClassPolicy, 'retention' | 'afterExpiry'>): ClassInput => ({
    purposes: ['customer service'],
    lawfulBasis: 'contract',
    recipients: ['tenant agents and administrators'],
    categories: [],
    ...c,
  });
  return {
    interaction: cls({
      retention: 'P180D',
      afterExpiry: 'delete',
      categories: ['contact details', 'conversation metadata'],
      purposes: ['customer service', 'contact-centre statistics'],
    }),
    transcript: cls({ retention: 'P30D', afterExpiry: 'delete', categories: ['conversation content'] }),
    recording: cls({
      retention: 'P14D',
      afterExpiry: 'delete',
      categories: ['voice recordings'],
      purposes: ['quality assurance'],
      lawfulBasis: 'consent',
    }),
    survey: cls({
      retention: 'P180D',
      afterExpiry: 'delete',
      categories: ['satisfaction score', 'free-text comment'],
      purposes: ['service quality measurement'],
      lawfulBasis: 'legitimate_interests',
    }),
    event: cls({
      retention: 'P100D',
      afterExpiry: 'delete',
      categories: ['chatbot questions, clicks and ratings'],
      purposes: ['chatbot improvement'],
      lawfulBasis: 'legitimate_interests',
    }),
    aggregate: cls({
      retention: 'P3Y',
      afterExpiry: 'delete',
      categories: ['anonymous statistics'],
      purposes: ['performance reporting'],
      lawfulBasis: 'legitimate_interests',
    }),
    consent: cls({
      retention: 'P5Y',
      afterExpiry: 'delete',
      categories: ['consent proofs'],
      purposes: ['demonstrating consent (GDPR Art. 7(1))'],
      lawfulBasis: 'legal_obligation',
    }),
    audit: cls({
      retention: 'P180D',
      afterExpiry: 'delete',
      categories: ['access log'],
      purposes: ['security and accountability'],
      lawfulBasis: 'legal_obligation',
      recipients: ['tenant administrators', 'auditors'],
    }),
    litigation: cls({
      retention: 'P5Y',
      afterExpiry: 'delete',
      categories: ['sealed conversation records'],
      purposes: ['establishment, exercise or defence of legal claims'],
      lawfulBasis: 'legitimate_interests',
      recipients: ['legal-access role only'],
    }),
  };
}

/** Puzzel archive: general info 180 d, recordings 14 d, chat logs 30 d; e-mail bodies never stored. */
export function puzzelPreset(): TenantPolicyInput {
  return {
    schemaVersion: 1,
    revision: 1,
    preset: 'puzzel',
    timeZone: 'Europe/Stockholm',
    defaultCallingCode: '46',
    defaultRegion: 'eu-central-1',
    classes: commonClasses(),
    channels: {
      email: { storeBody: false },
      call: { recordingConsent: 'opt-in' },
      chat: { contentConsent: 'opt-out' },
    },
  };
}

/**
 * iAdvize: chat/social 3 years, call/SMS 12 months, then personal data deleted and statistics
 * kept (anonymise); litigation archive 5 years in Frankfurt; SMS in the US; calls in the US during
 * the call and in the EU after.
 */
export function iadvizePreset(): TenantPolicyInput {
  const classes = commonClasses();
  for (const c of ['interaction', 'transcript', 'recording', 'survey'] as const)
    classes[c] = { ...classes[c], retention: 'P3Y', afterExpiry: 'anonymize' };
  classes.litigation = {
    ...classes.litigation,
    retention: 'P5Y',
    region: 'eu-central-1',
    lawfulBasis: 'legal_obligation',
  };
  const twelveMonths = { interaction: 'P12M', transcript: 'P12M', recording: 'P12M', survey: 'P12M' };
  return {
    schemaVersion: 1,
    revision: 1,
    preset: 'iadvize',
    timeZone: 'Europe/Paris',
    defaultCallingCode: '33',
    defaultRegion: 'eu-central-1',
    classes,
    channels: {
      chat: { gdprNoticeRequired: true },
      social: { gdprNoticeRequired: true },
      messaging: { gdprNoticeRequired: true },
      call: { inFlightRegion: 'us-east-1', retention: twelveMonths },
      sms: { region: 'us-east-1', retention: twelveMonths },
    },
    litigation: { sealClasses: ['interaction', 'transcript'] },
  };
}

/**
 * Inbenta: raw events 100 days, then an archive tier reachable only as CSV on request for 2 years
 * (or until contract end); aggregates 3 years then archived too; deletion within 2 months of
 * contract end; tenant-managed anonymisation patterns.
 */
export function inbentaPreset(): TenantPolicyInput {
  const classes = commonClasses();
  classes.event = { ...classes.event, retention: 'P100D', afterExpiry: 'archive', archiveRetention: 'P2Y' };
  classes.aggregate = { ...classes.aggregate, retention: 'P3Y', afterExpiry: 'archive', archiveRetention: 'P2Y' };
  classes.interaction = { ...classes.interaction, retention: 'P3Y' };
  classes.transcript = { ...classes.transcript, retention: 'P3Y' };
  return {
    schemaVersion: 1,
    revision: 1,
    preset: 'inbenta',
    timeZone: 'Europe/Madrid',
    defaultCallingCode: '34',
    defaultRegion: 'eu-central-1',
    classes,
    offboarding: { graceDays: 60 },
    redaction: { patterns: [{ name: 'CUSTOMER_ID', pattern: '\\bCUST-[0-9]{6}\\b', caseInsensitive: true }] },
  };
}

export const PRESETS = { puzzel: puzzelPreset, iadvize: iadvizePreset, inbenta: inbentaPreset } as const;
export type PresetName = keyof typeof PRESETS;

export function presetPolicy(name: string): TenantPolicy {
  const make = PRESETS[name as PresetName];
  if (!make) throw new RangeError(`unknown preset "${name}": choose one of ${Object.keys(PRESETS).join(', ')}`);
  return parsePolicy(make());
}
