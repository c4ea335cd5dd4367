import type { FindingSink, FindingType } from '../types';
import { isCardNumber } from './card';
import { isNir } from './nir';
import { isPersonnummerDigits } from './personnummer';
import { numberCueBefore, type NumberCue } from './phone-context';
import { isInternationalWithoutPlus, isValidNationalNumber } from './phone-plans';
import { spokenRuns, type SpokenChunk, type TokenMarks } from './spoken-digits';
import { isSsnDigits } from './ssn';

/**
 * Phones, cards and national ids spelled out in call transcripts ("four one five, five five five,
 * two six seven one", "zéro six douze trente-quatre cinquante-six soixante-dix-huit"): the spoken
 * digits (see spoken-digits.ts) pass the checks written digits pass, in the digit scan's order,
 * and the whole spoken span is redacted.
 *  - ssn, personnummer, nir: as nine digits after "SSN"/"social security", a personnummer in one
 *    block (date and Luhn) and a NIR (key) are checked in ssn.ts, personnummer.ts and nir.ts;
 *  - card: 12-19 digits with an issuer's prefix and length and the Luhn check (card.ts);
 *  - phone: at least 7 digits, so counts and amounts ("two kids", "one or two days") stay;
 *    valid in the tenant's or a nearby country's numbering plan, international after "plus" or
 *    "double zero", a national number with a trunk 0 (9-13 digits: German and Austrian numbers
 *    are long), or any 7-13 digits after a phone word ("call me on five five five oh one four
 *    two"); never after an order word. A phone read on without a pause is taken to the pause.
 * Like the digit scan, each run is tried window by window (whole chunks), longest first, from
 * the run's start and from each pause.
 */
export interface SpokenNumberOptions {
  phone: boolean;
  card: boolean;
  ssn: boolean;
  personnummer: boolean;
  nir: boolean;
  callingCode?: string;
}

const MAX_DIGITS = 19;

/** The fewest digits any enabled type has: phone 7, ssn 9, personnummer 10, card 12, nir 15. */
function fewestDigits(o: SpokenNumberOptions): number {
  if (o.phone) return 7;
  if (o.ssn) return 9;
  if (o.personnummer) return 10;
  return o.card ? 12 : 15;
}

/** `marks`: the text's token marks when the caller has them already (see tokenMarks). */
export function scanSpokenNumbers(
  text: string,
  options: SpokenNumberOptions,
  out: FindingSink,
  marks?: TokenMarks,
): void {
  const minDigits = fewestDigits(options);
  for (const run of spokenRuns(text, minDigits, marks)) {
    let i = 0;
    while (i < run.length) {
      // Like written digits, a number starts where the run does or after a pause: words right
      // after other number words are the middle of a longer number (a reference, a card).
      const matched = run[i].pauseBefore ? longestMatchFrom(text, run, i, options, minDigits, out) : -1;
      i = matched === -1 ? i + 1 : matched + 1;
    }
  }
}

/** Index of the last chunk of the longest window starting at chunk i that some check accepts. */
function longestMatchFrom(
  text: string,
  run: readonly SpokenChunk[],
  i: number,
  options: SpokenNumberOptions,
  minDigits: number,
  out: FindingSink,
): number {
  let digits = '';
  let last = i;
  while (last < run.length && digits.length + run[last].digits.length <= MAX_DIGITS) digits += run[last++].digits;
  let firstSpoken = i;
  while (firstSpoken < last && !run[firstSpoken].spoken) firstSpoken++;
  const start = run[i].plusStart ?? run[i].start;
  const plus = run[i].plusStart !== undefined;
  const cue = numberCueBefore(text, start);
  for (let j = last - 1; j >= i && digits.length >= minDigits; j--) {
    // A window of digits written as digits alone is the digit scan's.
    if (firstSpoken <= j) {
      const type = spokenType(digits, plus, text, start, cue, options);
      if (type) {
        const last = type === 'phone' ? readOn(run, j, digits.length) : j;
        out.push({ type, start, end: run[last].end });
        return last;
      }
    }
    digits = digits.slice(0, digits.length - run[j].digits.length);
  }
  return -1;
}

function spokenType(
  digits: string,
  plus: boolean,
  text: string,
  at: number,
  cue: NumberCue | undefined,
  o: SpokenNumberOptions,
): FindingType | undefined {
  if (!plus) {
    if (o.ssn && isSsnDigits(digits, text, at)) return 'ssn';
    if (o.personnummer && isPersonnummerDigits(digits)) return 'personnummer';
    if (o.nir && digits.length === 15 && isNir(digits)) return 'nir';
    if (o.card && isCardNumber(digits, text, at)) return 'card';
  }
  return o.phone && isSpokenPhone(digits, plus, cue, o.callingCode) ? 'phone' : undefined;
}

/** A phone read on without a pause is still the same phone ("null sieben eins fünf null, sechs
 *  zwei drei … vier fünf"): up to the next pause, within the E.164 length. */
function readOn(run: readonly SpokenChunk[], j: number, digits: number): number {
  let last = j;
  let count = digits;
  while (last + 1 < run.length && !run[last + 1].pauseBefore && count + run[last + 1].digits.length <= 15)
    count += run[++last].digits.length;
  return last;
}

function isSpokenPhone(
  digits: string,
  plus: boolean,
  cue: NumberCue | undefined,
  callingCode: string | undefined,
): boolean {
  if (plus) return digits.length >= 8 && digits.length <= 15;
  if (cue === 'other' || cue === 'card') return false;
  if (digits.startsWith('00')) return isInternationalWithoutPlus(digits.slice(2));
  if (digits.length > 15) return false;
  if (digits[0] === '0' && digits[1] !== '0' && digits.length >= 9 && digits.length <= 13) return true;
  if (digits.length >= 9 && digits.length <= 12 && isValidNationalNumber(digits, callingCode)) return true;
  return cue === 'phone' && digits.length <= 13;
}
