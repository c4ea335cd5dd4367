import { digitsOnly } from '../chars';
import { luhnValid } from '../checksums';
import { digitsValue, hasShape, type NumberWindow } from './number-window';

/**
 * Swedish personnummer and samordningsnummer (day + 60): YYMMDD-NNNN, YYMMDD+NNNN (100 years or
 * older), YYYYMMDD-NNNN, YYYYMMDDNNNN and YYMMDDNNNN, with a real month and day and the Luhn
 * check over the ten digits YYMMDDNNNN. Ten bare digits starting with 0 are left to the phone
 * detector (Swedish mobiles, 07…), which still redacts them.
 */
export function isPersonnummerWindow(w: NumberWindow): boolean {
  const d = w.digits;
  const n = w.groups;
  if (w.lead.endsWith('+')) return false; // +46…: a phone
  if (n === 1) return isPersonnummerDigits(d);
  let ten: string;
  if (hasShape(w, [6, 4]) && (w.gap(0) === '-' || w.gap(0) === '+')) ten = d;
  else if (hasShape(w, [8, 4]) && w.gap(0) === '-' && isCentury(d)) ten = d.slice(2);
  else return false;
  return isBirthDate(ten) && luhnValid(ten);
}

/** Digits without a layout (one block, or read out in a call): YYMMDDNNNN not starting with 0, or
 *  YYYYMMDDNNNN. */
export function isPersonnummerDigits(d: string): boolean {
  const ten = d.length === 10 && d[0] !== '0' ? d : d.length === 12 && isCentury(d) ? d.slice(2) : undefined;
  return ten !== undefined && isBirthDate(ten) && luhnValid(ten);
}

const isCentury = (d: string) => d.startsWith('18') || d.startsWith('19') || d.startsWith('20');

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isBirthDate(ten: string): boolean {
  const month = digitsValue(ten, 2, 4);
  let day = digitsValue(ten, 4, 6);
  if (day > 60) day -= 60;
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1];
}

/** The ten digits YYMMDDNNNN, so 19850512-1234 and 850512-1234 give one pseudonym. */
export const canonicalPersonnummer = (value: string) => digitsOnly(value).slice(-10);
