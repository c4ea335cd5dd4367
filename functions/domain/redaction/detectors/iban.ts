import { isAsciiLetter, isDigit, isWordChar } from '../chars';
import { mod97 } from '../checksums';
import type { FindingSink } from '../types';

/**
 * IBAN (ISO 13616): country code, two check digits, then exactly the country's length of
 * letters and digits, compact or in groups with single spaces, and mod 97 = 1 after moving the
 * first four characters to the end. The digit scan calls this when a digit group is glued to two
 * letters (`FR76…`), so IBANs cost no separate pass.
 */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BR: 29,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MR: 27,
  MT: 31,
  MU: 30,
  NL: 18,
  NO: 15,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  SA: 24,
  SC: 31,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
};

const isAlnum = (c: number) => isAsciiLetter(c) || isDigit(c);

/** IBAN_LENGTHS by the codes of the two letters in upper case: a look-up makes no string. */
const countryKey = (first: number, second: number) => (first & ~0x20) * 128 + (second & ~0x20);
const LENGTH_BY_COUNTRY = new Map(
  Object.entries(IBAN_LENGTHS).map(([country, length]) => [
    countryKey(country.charCodeAt(0), country.charCodeAt(1)),
    length,
  ]),
);

const countryLength = (first: number, second: number) =>
  isAsciiLetter(first) && isAsciiLetter(second) ? LENGTH_BY_COUNTRY.get(countryKey(first, second)) : undefined;

/** Looks for an IBAN starting at `start` (the country code); records it and returns its end when
 *  valid, -1 otherwise. */
export function matchIbanAt(text: string, start: number, out: FindingSink): number {
  const length = countryLength(text.charCodeAt(start), text.charCodeAt(start + 1));
  if (length === undefined) return -1;
  let count = 0;
  let i = start;
  while (i < text.length && count < length) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      count++;
      i++;
    } else if (c === 32 && count >= 4 && i + 1 < text.length && isAlnum(text.charCodeAt(i + 1))) i++;
    else break;
  }
  if (count !== length || (i < text.length && isWordChar(text.charCodeAt(i)))) return -1;
  // The first four characters (never split by a space) count after the others.
  if (mod97(text, start, start + 4, mod97(text, start + 4, i)) !== 1) return -1;
  out.push({ type: 'iban', start, end: i });
  return i;
}

export const canonicalIban = (value: string) => value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
