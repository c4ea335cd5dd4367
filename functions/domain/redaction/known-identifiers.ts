import type { DigitDetector } from './digit-runs';
import { canonicalPhone, isCallingCode, phoneStart } from './detectors/phone';
import type { NumberWindow } from './detectors/number-window';
import { foldName, isCommonWord } from './lexicon';
import { NAME_PARTICLES } from './lexicon/particles';
import type { FindingSink, KnownIdentifiers } from './types';
import { isCapitalised, startsSentence } from './words';

/**
 * The interaction's own participant name, e-mail and phone, redacted wherever they appear in its
 * text: name and e-mail case-insensitively as whole words (the full name and each part of it,
 * except particles such as "de" or "van" that are ordinary words too). A part that is also a
 * common word ("Will May", "Carla Call", "Dana Forget") is a name only where it reads as one:
 * capitalised and not opening a sentence ("I will check, it may take a while" keeps its words,
 * "thanks, Will" does not). The phone is found in any format by
 * comparing digits (`+46 70 123 45 67` is found as `070-123 45 67` and `0046701234567`).
 */
const MIN_PHONE_DIGITS = 7;

// Only syntax characters: the 'u' flag refuses needless escapes such as \-.
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A matcher for the name and e-mail, or undefined when neither is known. Literal alternatives
 *  (words of the full name joined by \s+), so the regex cannot backtrack beyond one alternative.
 *  Parts shorter than two letters are left out: "A" would hit every "a" in French. */
export interface KnownWordsPattern {
  re: RegExp;
  email?: string;
  /** Lower-cased parts of the name that are common words too. */
  ordinaryParts: ReadonlySet<string>;
}

export function knownWordsPattern(known: KnownIdentifiers): KnownWordsPattern | undefined {
  const words = new Set<string>();
  const name = known.name?.normalize('NFC').trim() ?? '';
  const isNameWord = (part: string) => part.length >= 2 && !NAME_PARTICLES.has(part.toLowerCase());
  if (isNameWord(name)) words.add(escapeRegExp(name).replace(/\s+/g, '\\s+'));
  for (const part of [...name.split(/\s+/), ...name.split(/[\s-]+/)])
    if (isNameWord(part)) words.add(escapeRegExp(part));
  const email = known.email?.trim().toLowerCase();
  if (email) words.add(escapeRegExp(email));
  if (words.size === 0) return undefined;
  const alternatives = [...words].sort((a, b) => b.length - a.length).join('|');
  const parts = [name, ...name.split(/[\s-]+/)];
  const ordinaryParts = new Set(parts.filter((part) => isCommonWord(foldName(part))).map((part) => part.toLowerCase()));
  return { re: new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu'), email, ordinaryParts };
}

export function scanKnownWords(text: string, pattern: KnownWordsPattern, out: FindingSink): void {
  for (const m of text.matchAll(pattern.re)) {
    const type = pattern.email !== undefined && m[0].toLowerCase() === pattern.email ? 'email' : 'name';
    if (type === 'name' && pattern.ordinaryParts.has(m[0].toLowerCase()) && !readsAsName(text, m.index, m[0])) continue;
    out.push({ type, start: m.index, end: m.index + m[0].length });
  }
}

const readsAsName = (text: string, at: number, word: string) => isCapitalised(word) && !startsSentence(text, at);

/** A digit-scan check that recognises the known phone whatever its separators or prefix. */
export function knownPhoneDetector(phone: string | undefined): DigitDetector | undefined {
  const digits = phone ? stripZeros(canonicalPhone(phone)) : '';
  if (digits.length < MIN_PHONE_DIGITS) return undefined;
  return {
    type: 'phone',
    minDigits: MIN_PHONE_DIGITS,
    maxDigits: digits.length + 6,
    accepts: (w: NumberWindow) => sameSubscriber(stripZeros(windowDigits(w)), digits),
    start: phoneStart,
  };
}

const stripZeros = (d: string) => d.replace(/^0+/, '');

/** Window digits without a `(0)` trunk prefix. */
const windowDigits = (w: NumberWindow) =>
  w.text
    .slice(w.start(0), w.end(w.groups - 1))
    .replace('(0)', '')
    .replace(/[^0-9]/g, '');

/** Same number when equal, or when one is the other behind a country calling code. */
function sameSubscriber(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return (
    short.length >= MIN_PHONE_DIGITS && long.endsWith(short) && isCallingCode(long.slice(0, long.length - short.length))
  );
}
