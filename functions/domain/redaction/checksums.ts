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
 * Remainder mod 97 of a long number written in base 10; letters count as 10..35 (A..Z), as in
 * ISO 13616 (IBAN). Works digit by digit, so no BigInt and no overflow.
 */
export function mod97(text: string): number {
  let rest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) rest = (rest * 10 + (c - 48)) % 97;
    else rest = (rest * 100 + (c - 55)) % 97;
  }
  return rest;
}
