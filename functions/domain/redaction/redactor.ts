import type { z } from 'zod';
import { validationFailed } from '../errors';
import { parseOrThrow } from '../validation';
import { builtInScan } from './built-ins';
import { canonicaliser } from './canonical';
import { knownPhoneDetector, knownWordsPattern, scanKnownWords } from './known-identifiers';
import { mergeOverlaps } from './merge';
import { placeholder, pseudonym, type Replacement } from './replacement';
import { RedactionSettingsSchema } from './settings';
import { compileTenantPatterns, scanTenantPatterns } from './tenant-patterns';
import type { Finding, KnownIdentifiers, RedactionResult } from './types';

/**
 * Redaction before storage: the one function every free-form value passes through before it is
 * written anywhere (messages, survey comments, chatbot payloads, form fields, DTMF input).
 *
 *   const redactor = createRedactor(policy.redaction, { pseudonymKey, defaultCallingCode: policy.defaultCallingCode });
 *   redactor.redact(text, known?)        → { text, findings: [{ type, start, end }] }
 *   redactor.redactJson(value, known?)   → { value, findings: [{ path, type, start, end }] }
 *   redactor.redactFields(fields, known?)→ { fields: [{ name, value }], findings: [{ field, … }] }
 *   redactor.redactDtmf(entries)         → entries without the masked ones, digits redacted
 *
 * - Settings are the policy's `redaction` section (detectors on, tenant patterns, replacement
 *   mode, known identifiers on/off); they are validated here too, so bad patterns are a 400.
 * - Findings give offsets in the INPUT text and never the values found.
 * - `pseudonymKey` (per tenant, at least 16 bytes) is required in pseudonym mode;
 *   `defaultCallingCode` makes national and international spellings of a phone one pseudonym.
 * - Hidden form fields and masked DTMF digits are dropped whole: never redacted, never stored.
 */
export type RedactionSettingsInput = z.input<typeof RedactionSettingsSchema>;

export interface RedactorOptions {
  pseudonymKey?: Uint8Array;
  defaultCallingCode?: string;
}

export interface FormField {
  name: string;
  value: string;
  hidden?: boolean;
}

export interface DtmfEntry {
  digits: string;
  masked?: boolean;
}

export interface Redactor {
  redact(text: string, known?: KnownIdentifiers): RedactionResult;
  redactJson(value: unknown, known?: KnownIdentifiers): { value: unknown; findings: Array<Finding & { path: string }> };
  redactFields(
    fields: readonly FormField[],
    known?: KnownIdentifiers,
  ): { fields: Array<{ name: string; value: string }>; findings: Array<Finding & { field: string }> };
  redactDtmf<T extends DtmfEntry>(entries: readonly T[]): T[];
}

/** Payload nesting beyond this is refused rather than walked (a stack overflow is not a 400). */
const MAX_JSON_DEPTH = 64;
const KNOWN_CACHE_SIZE = 256;

export function createRedactor(settingsInput: RedactionSettingsInput = {}, options: RedactorOptions = {}): Redactor {
  const settings = parseOrThrow(RedactionSettingsSchema, settingsInput, 'The redaction settings');
  const scanBuiltIns = builtInScan(settings.detectors, options.defaultCallingCode);
  const patterns = compileTenantPatterns(settings.patterns);
  const canonical = canonicaliser(
    options.defaultCallingCode,
    new Set(patterns.filter((p) => p.caseInsensitive).map((p) => p.name)),
  );
  const replace: Replacement =
    settings.replacement === 'pseudonym' ? pseudonym(requireKey(options.pseudonymKey), canonical) : placeholder();
  const knownCache = new Map<string, ReturnType<typeof compileKnown>>();

  function knownMatchers(known: KnownIdentifiers | undefined) {
    if (!settings.knownIdentifiers || !known || (!known.name && !known.email && !known.phone)) return undefined;
    const key = `${known.name ?? ''}\u0000${known.email ?? ''}\u0000${known.phone ?? ''}`;
    let compiled = knownCache.get(key);
    if (!compiled) {
      if (knownCache.size >= KNOWN_CACHE_SIZE) knownCache.clear();
      compiled = compileKnown(known);
      knownCache.set(key, compiled);
    }
    return compiled;
  }

  function redact(text: string, known?: KnownIdentifiers): RedactionResult {
    const found: Finding[] = [];
    const k = known && knownMatchers(known);
    scanBuiltIns(text, found, k?.phone);
    if (patterns.length) scanTenantPatterns(text, patterns, found);
    if (k?.words) scanKnownWords(text, k.words, found);
    if (found.length === 0) return { text, findings: [] };
    const findings = mergeOverlaps(found);
    let out = '';
    let at = 0;
    for (const f of findings) {
      out += text.slice(at, f.start) + replace(f.type, text.slice(f.start, f.end));
      at = f.end;
    }
    return { text: out + text.slice(at), findings };
  }

  function redactJson(value: unknown, known?: KnownIdentifiers) {
    const findings: Array<Finding & { path: string }> = [];
    const walk = (v: unknown, path: string[]): unknown => {
      if (path.length > MAX_JSON_DEPTH)
        throw validationFailed([{ path: path.join('.'), message: `is nested deeper than ${MAX_JSON_DEPTH} levels` }]);
      if (typeof v === 'string') {
        const r = redact(v, known);
        for (const f of r.findings) findings.push({ path: path.join('.'), ...f });
        return r.text;
      }
      if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, String(i)]));
      if (v !== null && typeof v === 'object')
        return Object.fromEntries(Object.entries(v).map(([key, item]) => [key, walk(item, [...path, key])]));
      return v;
    };
    return { value: walk(value, []), findings };
  }

  function redactFields(fields: readonly FormField[], known?: KnownIdentifiers) {
    const findings: Array<Finding & { field: string }> = [];
    const kept = fields
      .filter((f) => !f.hidden)
      .map((f) => {
        const r = redact(f.value, known);
        for (const finding of r.findings) findings.push({ field: f.name, ...finding });
        return { name: f.name, value: r.text };
      });
    return { fields: kept, findings };
  }

  function redactDtmf<T extends DtmfEntry>(entries: readonly T[]): T[] {
    return entries.filter((e) => !e.masked).map((e) => ({ ...e, digits: redact(e.digits).text }));
  }

  return { redact, redactJson, redactFields, redactDtmf };
}

function compileKnown(known: KnownIdentifiers) {
  return { words: knownWordsPattern(known), phone: knownPhoneDetector(known.phone) };
}

function requireKey(key: Uint8Array | undefined): Uint8Array {
  if (!key) throw new RangeError('pseudonym replacement needs the tenant pseudonym key');
  return key;
}
