import { luhnValid } from '../checksums';
import { allGapsAre, hasShape, type NumberWindow } from './number-window';

/**
 * Payment cards: Luhn-valid, with an issuer prefix that exists and one of its lengths (Visa 4:
 * 13/16/19; Mastercard 51-55 and 2221-2720: 16; Amex 34/37: 15; Diners 30/36/38/39 and JCB 35:
 * 14-19; Maestro 50/56-59 and Discover/UnionPay/Maestro 6: 13-19), written in one block or in
 * groups of four (Amex 4-6-5, Diners 4-6-4) separated by spaces or dashes. A 16-digit order
 * number that fails Luhn stays visible, and so does a 15-digit number starting with 2.
 */
export function isCardWindow(w: NumberWindow): boolean {
  const d = w.digits;
  if (d.length < 13 || d.length > 19 || !issuerAllowsLength(d) || !hasCardLayout(w)) return false;
  return luhnValid(d);
}

function issuerAllowsLength(d: string): boolean {
  const two = Number(d.slice(0, 2));
  const four = Number(d.slice(0, 4));
  const n = d.length;
  if (d[0] === '4') return n === 13 || n === 16 || n === 19;
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return n === 16;
  if (two === 34 || two === 37) return n === 15;
  if (two === 30 || two === 35 || two === 36 || two === 38 || two === 39) return n >= 14;
  return two === 50 || two >= 56;
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
