import { isAsciiLetter, isDigit } from './chars';

/** Check-digit algorithms shared by the detectors; each reads digits straight from a string. */

/** Luhn (mod 10) over every character of `digits` (cards, Swedish personnummer). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Remainder mod 97 of a long number written in base 10 in text[from, to), after the number whose
 * remainder is `rest`; letters count as 10..35 (A..Z, either case), as in ISO 13616 (IBAN), and
 * anything else (a space) is skipped. Works digit by digit, so no BigInt and no overflow.
 */
export function mod97(text: string, from = 0, to = text.length, rest = 0): number {
  let remainder = rest;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) remainder = (remainder * 10 + (c - 48)) % 97;
    else if (isAsciiLetter(c)) remainder = (remainder * 100 + ((c & ~0x20) - 55)) % 97;
  }
  return remainder;
}
