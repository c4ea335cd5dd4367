import { allGapsAre, digitsValue, hasShape, type NumberWindow } from './number-window';

/**
 * US Social Security numbers, AAA-GG-SSSS. Never issued, so never redacted: area 000, 666 or
 * 900-999, group 00, serial 0000, and the two numbers printed in advertisements (078-05-1120,
 * 219-09-9999). The dashed form stands on its own; the spaced form and nine bare digits count
 * only right after "SSN" or "social security", since both are common in other numbers.
 */
export function isSsnWindow(w: NumberWindow): boolean {
  if (w.digitCount !== 9) return false;
  const dashed = hasShape(w, [3, 2, 4]) && allGapsAre(w, '-');
  const spacedOrBare =
    (w.groups === 1 || (hasShape(w, [3, 2, 4]) && allGapsAre(w, ' '))) && followsSsnKeyword(w.text, w.start(0));
  return (dashed || spacedOrBare) && isIssuable(w.digits);
}

/** Nine digits without a layout (read out in a call): an issuable number right after the keyword. */
export const isSsnDigits = (d: string, text: string, at: number) =>
  d.length === 9 && followsSsnKeyword(text, at) && isIssuable(d);

function isIssuable(d: string): boolean {
  const area = digitsValue(d, 0, 3);
  const group = digitsValue(d, 3, 5);
  const serial = digitsValue(d, 5, 9);
  if (area === 0 || area === 666 || area >= 900 || group === 0 || serial === 0) return false;
  return d !== '078051120' && d !== '219099999';
}

const SSN_KEYWORD = /\b(?:ssn|social security(?: number| no\.?)?)(?:\s*(?:is|was|:|#|=))?\s*$/i;

function followsSsnKeyword(text: string, start: number): boolean {
  return SSN_KEYWORD.test(text.slice(Math.max(0, start - 30), start));
}
