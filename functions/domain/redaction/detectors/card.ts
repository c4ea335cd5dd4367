import { luhnValid } from '../checksums';
import { allGapsAre, digitsValue, hasShape, type NumberWindow } from './number-window';
import { numberCueBefore } from './phone-context';

/**
 * Payment cards: Luhn-valid, with an issuer prefix (IIN) that exists and one of its lengths, written
 * in one block or in groups of four (Amex 4-6-5, Diners 4-6-4) separated by spaces or dashes.
 * A 16-digit order number that fails Luhn stays visible, and so does a number whose prefix no
 * network issues at that length (a 15-digit number starting with 2 other than JCB's 2131), one
 * right after `+` (a phone), and a short one (12-15 digits) after an order or phone word.
 */
export function isCardWindow(w: NumberWindow): boolean {
  return !w.lead.endsWith('+') && hasCardLayout(w) && isCardNumber(w.digits, w.text, w.start(0));
}

/** The digits alone (written or spoken): an issuer's prefix and length, Luhn, and for 12-15
 *  digits no order or phone word before `at` in `text`. */
export function isCardNumber(d: string, text: string, at: number): boolean {
  if (d.length < 12 || d.length > 19 || !issuerAllowsLength(d) || !luhnValid(d)) return false;
  // One in ten 12-15 digit numbers passes Luhn: after an order or phone word, such a number is not a card.
  const cue = d.length < 16 ? numberCueBefore(text, at) : undefined;
  return cue === undefined || cue === 'card';
}

/** [first prefix, last prefix (same number of digits), shortest, longest]; the longest prefix
 *  that matches decides. Sources: the networks' published IIN ranges. */
const ISSUERS: ReadonlyArray<readonly [number, number, number, number]> = [
  [4, 4, 13, 19], // Visa 13, 16, 19 (checked below), Electron
  [51, 55, 16, 16],
  [2221, 2720, 16, 16], // Mastercard
  [2200, 2204, 16, 19], // Mir
  [34, 34, 15, 15],
  [37, 37, 15, 15], // American Express
  [300, 305, 14, 19],
  [3095, 3095, 14, 19],
  [36, 36, 14, 19],
  [38, 39, 14, 19], // Diners Club
  [3528, 3589, 16, 19],
  [2131, 2131, 15, 16],
  [1800, 1800, 15, 16], // JCB
  [6011, 6011, 16, 19],
  [644, 649, 16, 19],
  [65, 65, 16, 19], // Discover
  [62, 62, 16, 19],
  [81, 81, 16, 19], // UnionPay
  [5018, 5018, 12, 19],
  [5020, 5020, 12, 19],
  [5038, 5038, 12, 19],
  [5893, 5893, 12, 19], // Maestro
  [6304, 6304, 12, 19],
  [6759, 6759, 12, 19],
  [6761, 6763, 12, 19],
  [50, 50, 12, 19],
  [56, 69, 12, 19],
  [9792, 9792, 16, 16], // Troy
];

const PREFIX_DIGITS = ISSUERS.map((issuer) => String(issuer[0]).length);

function issuerAllowsLength(d: string): boolean {
  const prefixes = [0, digitsValue(d, 0, 1), digitsValue(d, 0, 2), digitsValue(d, 0, 3), digitsValue(d, 0, 4)];
  let best: readonly [number, number, number, number] | undefined;
  let bestDigits = 0;
  for (let k = 0; k < ISSUERS.length; k++) {
    const issuer = ISSUERS[k];
    const digits = PREFIX_DIGITS[k];
    const prefix = prefixes[digits];
    if (digits > bestDigits && prefix >= issuer[0] && prefix <= issuer[1]) {
      best = issuer;
      bestDigits = digits;
    }
  }
  if (!best) return false;
  if (bestDigits === 1 && (d.length === 14 || d.length === 15 || d.length === 17 || d.length === 18)) return false; // Visa
  return d.length >= best[2] && d.length <= best[3];
}

function hasCardLayout(w: NumberWindow): boolean {
  const n = w.groups;
  if (n === 1) return true;
  if (!allGapsAre(w, ' ') && !allGapsAre(w, '-')) return false;
  if (hasShape(w, [4, 6, 5]) || hasShape(w, [4, 6, 4])) return true;
  if (n < 3) return false;
  for (let k = 0; k < n - 1; k++) if (w.length(k) !== 4) return false;
  return w.length(n - 1) <= 4;
}
