import { isDigit } from '../chars';
import { allGapsAre, digitsValue, hasShape, type NumberWindow } from './number-window';
import { numberCueBefore, type NumberCue } from './phone-context';
import { isInternationalWithoutPlus, isValidNationalNumber, validE164 } from './phone-plans';

/**
 * Phone numbers in the formats people type in chats:
 *  - international: `+33 6 12 34 56 78`, `+44 (0)20 7946 0958`, `0046 70 123 45 67`, `+46701234567`;
 *    the number of digits after the country code must fit that country (table below; 8-15 digits
 *    in all for other codes, the E.164 maximum);
 *  - national, with a trunk 0: `06.12.34.56.78`, `070-123 45 67`, `0612345678` (9-11 digits;
 *    8 with a dashed area code such as `08-12 34 56`);
 *  - North American: `(555) 123-4567`, `555-123-4567`, `555.123.4567`, `1-800-555-0199` in the
 *    3-3-4 layout, area code starting with 2-9 (ten bare digits are not enough: usually orders).
 * Separators are spaces, dots, dashes and parentheses, changing at most once along the number;
 * `03.12.2024 14` (a date and an hour) and `12/03/2024` never become a phone. Not a phone either:
 * a number after `#`, the SSN layout 123-45-6789, or digits continuing a longer number
 * (`4544 0066 7881 4380`) unless they start with `+`.
 * Beyond these layouts, libphonenumber's plans decide (see phoneWindowCheck): ten bare digits
 * valid in North America, grouped numbers valid in the tenant's or a nearby country's plan
 * (`612 345 678`, `(11) 5550-1234`), international numbers without `+` (`44 207 946 0958`), and
 * short local numbers after a phone word (`call me on 555 0142`); never after an order word.
 * An extension (`x0142`, `ext. 12`, `poste 12`, `anknytning 12`, `Durchwahl 12`) belongs to the phone.
 */
const NATIONAL_DIGITS: Record<string, readonly [number, number]> = {
  '1': [10, 10],
  '7': [10, 10],
  '27': [9, 9],
  '30': [10, 10],
  '31': [9, 9],
  '32': [8, 9],
  '33': [9, 9],
  '34': [9, 9],
  '36': [8, 9],
  '39': [6, 11],
  '40': [9, 9],
  '41': [9, 9],
  '43': [4, 13],
  '44': [9, 10],
  '45': [8, 8],
  '46': [7, 9],
  '47': [8, 8],
  '48': [9, 9],
  '49': [6, 13],
  '351': [9, 9],
  '352': [4, 11],
  '353': [7, 9],
  '354': [7, 9],
  '358': [5, 12],
};

export const isCallingCode = (digits: string) => NATIONAL_DIGITS[digits] !== undefined;

const SINGLE_GAPS = new Set([' ', '.', '-', '\u00a0', '\u202f']);
const PAREN_GAPS = new Set(['(', ' (', ')', ') ', ')-', ') -']);

/** The phone check for a tenant: the layouts above, then the numbering plans. */
export function phoneWindowCheck(callingCode: string | undefined): (w: NumberWindow) => boolean {
  let cueText = '';
  let cueAt = -1;
  let cue: NumberCue | undefined;
  // Windows sharing a start share the words before it: one look-up per start.
  const cueBefore = (text: string, at: number) => {
    if (text !== cueText || at !== cueAt) [cueText, cueAt, cue] = [text, at, numberCueBefore(text, at)];
    return cue;
  };
  return (w) => {
    if (w.digitCount >= 8 && isPhoneWindow(w)) return true;
    if (w.lead === '#' || w.digitCount > 15 || !hasPhoneSeparators(w)) return false;
    // After `+` only the E.164 length is asked: people also write numbers no plan holds yet. Seven
    // digits are a whole number in small plans (Saint Helena: `+290 8999`), so the plans decide those.
    if (w.lead.endsWith('+'))
      return w.digitCount >= 8 || (w.digitCount === 7 && validE164(`+${w.digits}`, undefined) !== undefined);
    if (isPieceOfLongerRun(w) || isExcludedLayout(w)) return false;
    const cue = cueBefore(w.text, phoneStart(w));
    // An amount after a phone word is a phone: `llame al 947.073.985`.
    if (cue !== 'phone' && looksLikeAmount(w)) return false;
    // A phone word vouches for a national number (up to 13 digits), not for any long number.
    if (cue !== undefined) return cue === 'phone' && w.digitCount <= 13;
    if (w.groups === 1) return w.digitCount === 10 && validE164(w.digits, '1') !== undefined;
    if (w.lead.endsWith('(') && w.gap(0).startsWith(')') && w.length(0) <= 4 && w.digitCount >= 8 && w.digitCount <= 11)
      return true;
    // The plans are costly to ask: only numbers of a plausible length and layout get there.
    if (
      w.groups >= 3 &&
      w.length(0) <= 3 &&
      isCallingCode(w.digits.slice(0, w.length(0))) &&
      isInternationalWithoutPlus(w.digits)
    )
      return true;
    return (
      w.digitCount >= 9 &&
      w.digitCount <= 12 &&
      isValidNationalNumber(w.text.slice(phoneStart(w), w.end(w.groups - 1)), callingCode)
    );
  };
}

/** Digit windows that are something else whatever the plans say and whatever words come before:
 *  dates, pieces of a longer number, the SSN layout. */
function isExcludedLayout(w: NumberWindow): boolean {
  if (looksLikeDate(w) || looksLikeDottedQuad(w)) return true;
  return (hasShape(w, [3, 2, 4]) && allGapsAre(w, '-')) || (w.groups > 1 && w.length(0) > 5);
}

/** Digits right before or after the window, across a separator: `2024 0612345678` after a date,
 *  `4544 0066 7881` of a card number. The layouts above may take such a piece, the plans may not. */
function isPieceOfLongerRun(w: NumberWindow): boolean {
  const before = w.start(0) - w.lead.length - 1;
  return (
    (before >= 0 && isDigit(w.text.charCodeAt(before))) ||
    (w.trail !== '' && isDigit(w.text.charCodeAt(w.end(w.groups - 1) + w.trail.length)))
  );
}

/** 999.999.99.999: an IP address or a version, even when not a valid one. */
const looksLikeDottedQuad = (w: NumberWindow) =>
  w.groups === 4 && allGapsAre(w, '.') && w.length(0) <= 3 && w.length(1) <= 3 && w.length(2) <= 3 && w.length(3) <= 3;

const CURRENCY = /^\s?(?:€|\$|£|kr|sek|eur|usd|gbp|chf|euros?|dollars?|kronor|pesos?)(?![\p{L}])/iu;

/** 1.299.000, 1 299 000 €: thousands groups, with dots or a currency next to them. */
function looksLikeAmount(w: NumberWindow): boolean {
  if (w.groups < 2 || w.length(0) > 3) return false;
  for (let k = 1; k < w.groups; k++) if (w.length(k) !== 3) return false;
  if (allGapsAre(w, '.') || allGapsAre(w, ',')) return true;
  const before = w.text.slice(Math.max(0, w.start(0) - 2), w.start(0));
  return /[€$£]\s?$/.test(before) || CURRENCY.test(w.text.slice(w.end(w.groups - 1), w.end(w.groups - 1) + 8));
}

/** Where an extension written after the number ends, or `end` when there is none. */
export function phoneEnd(w: NumberWindow): number {
  const end = w.end(w.groups - 1);
  const m = EXTENSION.exec(w.text.slice(end, end + 24));
  return m ? end + m[0].length : end;
}

const EXTENSION =
  /^\s?(?:x|ext\.?|extn\.?|extension|poste|anknytning|ankn\.?|durchwahl|dw\.?|extensión|ext\.?\s?n?º?)\s?\d{1,6}(?![\d\p{L}])/iu;

export function isPhoneWindow(w: NumberWindow): boolean {
  const plus = w.lead.endsWith('+');
  // Cheapest test first: a phone opens with +, a trunk 0 (or 00), or is North American (10-11 digits).
  if (!plus && w.text.charCodeAt(w.start(0)) !== 48 && w.digitCount !== 10 && w.digitCount !== 11) return false;
  if (!hasPhoneSeparators(w) || w.lead === '#' || (hasShape(w, [3, 2, 4]) && allGapsAre(w, '-'))) return false;
  const sig = significantDigits(w);
  if (plus) return isInternational(sig, false);
  if (continuesLongerNumber(w)) return false;
  if (sig.startsWith('00')) return isInternational(sig.slice(2), true);
  if (sig[0] === '0') return isNational(w, sig);
  return isNorthAmerican(w, sig);
}

/**
 * Digits right before a number without `+`, joined by the separator the number itself uses
 * (`4544 0066 7881 4380`, a NIR or IBAN with a typo), make it the tail of something longer, not a
 * phone. A different separator (`01.02.2024 0612345678`) does not.
 */
function continuesLongerNumber(w: NumberWindow): boolean {
  if (!SINGLE_GAPS.has(w.lead) || !isDigit(w.text.charCodeAt(w.start(0) - w.lead.length - 1))) return false;
  return (w.groups > 1 ? w.gap(0) : w.gapBeforePrevious()) === w.lead;
}

/** The span starts at the `+`, `(` or `(+` that opens the number. */
export function phoneStart(w: NumberWindow): number {
  const first = w.start(0);
  if (w.lead.endsWith('(')) return first - 1;
  if (!w.lead.endsWith('+')) return first;
  return w.text.charCodeAt(first - 2) === 40 /* ( */ ? first - 2 : first - 1;
}

/** Separators change at most once: `070-123 45 67`, `+46-70-123 45 67`, not `06.12 34-56.78`. */
function hasPhoneSeparators(w: NumberWindow): boolean {
  let previous: string | undefined;
  let changes = 0;
  for (let k = 0; k < w.groups - 1; k++) {
    const gap = w.gap(k);
    if (PAREN_GAPS.has(gap)) continue;
    if (!SINGLE_GAPS.has(gap)) return false;
    if (previous !== undefined && gap !== previous && ++changes > 1) return false;
    previous = gap;
  }
  return true;
}

/** Digits without the optional trunk zero written as `(0)` after a country code. */
function significantDigits(w: NumberWindow): string {
  let offset = 0;
  for (let k = 0; k < w.groups; k++) {
    const len = w.length(k);
    if (
      len === 1 &&
      w.digits[offset] === '0' &&
      k > 0 &&
      k < w.groups - 1 &&
      w.gap(k - 1).endsWith('(') &&
      w.gap(k).startsWith(')')
    )
      return w.digits.slice(0, offset) + w.digits.slice(offset + 1);
    offset += len;
  }
  return w.digits;
}

/** After `+` an unknown country code is allowed (8-15 digits); after `00`, which also starts
 *  many order numbers, the code must be one of the table. */
function isInternational(d: string, knownCodeOnly: boolean): boolean {
  if (d[0] === '0') return false;
  for (const ccLength of [1, 2, 3]) {
    const range = NATIONAL_DIGITS[d.slice(0, ccLength)];
    if (range) return d.length - ccLength >= range[0] && d.length - ccLength <= range[1];
  }
  return !knownCodeOnly && d.length >= 8 && d.length <= 15;
}

function isNational(w: NumberWindow, d: string): boolean {
  if (d[1] === '0' || looksLikeDate(w)) return false;
  // An area code has 2 to 5 digits: 091183-1187 is a personnummer layout, not a phone.
  if (w.groups > 1 && w.length(0) > 5) return false;
  if (d.length >= 9 && d.length <= 11) return true;
  return d.length === 8 && w.groups >= 3 && w.gap(0) === '-' && w.length(0) >= 2 && w.length(0) <= 4;
}

function isNorthAmerican(w: NumberWindow, d: string): boolean {
  const tenDigits = d.length === 10 ? d : d.length === 11 && d[0] === '1' ? d.slice(1) : undefined;
  if (!tenDigits || tenDigits[0] < '2') return false;
  if (d.length === 10) return hasShape(w, [3, 3, 4]) && (w.lead.endsWith('(') || allGapsAre(w, w.gap(0)));
  return hasShape(w, [1, 3, 3, 4]);
}

/** Starts with d.m.y, m/d/y or y-m-d (one separator, and a different one or nothing after it):
 *  a date, perhaps followed by an hour, whatever else it might be. */
function looksLikeDate(w: NumberWindow): boolean {
  if (w.groups < 3 || w.gap(0) !== w.gap(1) || !'/.-'.includes(w.gap(0)) || (w.groups > 3 && w.gap(2) === w.gap(0)))
    return false;
  const [a, b, c] = [groupValue(w, 0), groupValue(w, 1), groupValue(w, 2)];
  const lastLen = w.length(2);
  if (w.length(0) === 4) return b <= 12 && c <= 31;
  return (lastLen === 2 || lastLen === 4) && a <= 31 && b <= 31 && (a <= 12 || b <= 12);
}

const groupValue = (w: NumberWindow, k: number) => digitsValue(w.text, w.start(k), w.end(k));

/**
 * One form per phone, for pseudonyms and known-identifier matching: country code and number
 * digits (`+46 70 123 45 67`, `0046701234567` and, with calling code 46, `070-123 45 67` all give
 * 46701234567). Ten digits without trunk zero are North American.
 */
export function canonicalPhone(value: string, callingCode?: string): string {
  const e164 = validE164(value, callingCode);
  if (e164) return e164.slice(1);
  const plain = value.replace(/\(0\)/g, '');
  const digits = plain.replace(/[^0-9]/g, '');
  if (/^[\s(]*\+/.test(plain)) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) return (callingCode ?? '') + digits.slice(1);
  return digits.length === 10 ? `1${digits}` : digits;
}
