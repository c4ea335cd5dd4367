import { mod97 } from '../checksums';
import type { FindingSink } from '../types';
import { allGapsAre, digitsValue, type NumberWindow } from './number-window';

/**
 * French NIR (numéro de sécurité sociale): sex 1/2 (3/4/7/8 for provisional numbers), year,
 * month 01-12 (20, 30-42, 50-99 when unknown), department, commune, order 001-999 and a key
 * equal to 97 − (first 13 digits mod 97). Fifteen digits in one block or grouped with spaces,
 * dots or dashes ("1 85 05 78 006 084 36"). Corsica (2A/2B) counts as 19/18 in the key.
 */
export function isNirWindow(w: NumberWindow): boolean {
  if (w.digitCount !== 15) return false;
  if (!allGapsAre(w, ' ') && !allGapsAre(w, '.') && !allGapsAre(w, '-')) return false;
  return isNir(w.digits);
}

const CORSICAN_KEY_DIGITS: Record<string, string> = { '2A': '19', '2B': '18' };

/** Fifteen digits (written or read out) that are a NIR, key included. */
export function isNir(d: string): boolean {
  if (!'123478'.includes(d[0])) return false;
  const month = digitsValue(d, 3, 5);
  if (!((month >= 1 && month <= 12) || month === 20 || (month >= 30 && month <= 42) || month >= 50)) return false;
  if (d.slice(5, 7) === '00' || digitsValue(d, 10, 13) === 0) return false;
  const key = digitsValue(d, 13, 15);
  const department = CORSICAN_KEY_DIGITS[d.slice(5, 7)] ?? d.slice(5, 7);
  const body = d.slice(0, 5) + department + d.slice(7, 13);
  return key >= 1 && key === 97 - mod97(body);
}

/** Corsican numbers carry letters (2A, 2B), so the digit scan cannot see them whole; it tells
 *  when a `2A`/`2B` is in the text, and this regex takes over. */
const CORSICA = /\b[1-478] ?[0-9]{2} ?[0-9]{2} ?2[AB] ?[0-9]{3} ?[0-9]{3} ?[0-9]{2}\b/g;

export function scanCorsicanNir(text: string, out: FindingSink): void {
  for (const m of text.matchAll(CORSICA)) {
    if (isNir(m[0].replace(/ /g, ''))) out.push({ type: 'nir', start: m.index, end: m.index + m[0].length });
  }
}

export const canonicalNir = (value: string) => value.replace(/[^0-9AB]/gi, '').toUpperCase();
