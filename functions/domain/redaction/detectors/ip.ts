import { isHex, isWordChar } from '../chars';
import type { FindingSink } from '../types';
import { allGapsAre, type NumberWindow } from './number-window';

/**
 * IPv4: four dotted groups of 0..255 without leading zeros, not part of a longer dotted
 * sequence (1.2.3.4.5 is a version, not an address).
 */
export function isIPv4Window(w: NumberWindow): boolean {
  if (w.groups !== 4 || !allGapsAre(w, '.') || w.lead.endsWith('.') || w.trail === '.') return false;
  for (let k = 0; k < 4; k++) if (!isOctet(w.text, w.start(k), w.end(k))) return false;
  return true;
}

function isOctet(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len > 3 || (len > 1 && text.charCodeAt(start) === 48)) return false;
  return Number(text.slice(start, end)) <= 255;
}

function isIPv4Text(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && isOctet(p, 0, p.length));
}

/**
 * IPv6, full or compressed (`2001:db8::8a2e:370:7334`, `::ffff:192.0.2.1`), found from each `:`
 * by bounded expansion over hex digits, colons and (for an IPv4 tail) dots. At least two groups
 * must be written, so `e::` in "Note::" or `a:b` never count; an address glued to a word does not
 * count either (`std::vector`).
 */
const MAX_IPV6 = 45;
const isV6Char = (c: number) => isHex(c) || c === 58 /* : */ || c === 46; /* . */

export function scanIPv6(text: string, out: FindingSink): void {
  let p = text.indexOf(':');
  while (p !== -1) {
    let start = p;
    while (start > 0 && p - start <= MAX_IPV6 && isV6Char(text.charCodeAt(start - 1))) start--;
    let end = p + 1;
    while (end < text.length && end - start <= MAX_IPV6 && isV6Char(text.charCodeAt(end))) end++;
    const next = text.indexOf(':', end);
    while (end > start && text.charCodeAt(end - 1) === 46) end--;
    if (end > start + 1 && text.charCodeAt(end - 1) === 58 && text.charCodeAt(end - 2) !== 58) end--;
    if (
      end - start <= MAX_IPV6 &&
      hasIPv6Colons(text, start, end) &&
      (start === 0 || !isWordChar(text.charCodeAt(start - 1))) &&
      (end === text.length || !isWordChar(text.charCodeAt(end))) &&
      isIPv6(text.slice(start, end))
    )
      out.push({ type: 'ip', start, end });
    p = next;
  }
}

/** Cheap first test: `::` somewhere, or the 6-7 colons of a full address (14:30:00 has 2). */
function hasIPv6Colons(text: string, start: number, end: number): boolean {
  let colons = 0;
  for (let k = start; k < end; k++) {
    if (text.charCodeAt(k) !== 58) continue;
    if (text.charCodeAt(k + 1) === 58) return true;
    colons++;
  }
  return colons >= 6;
}

export function isIPv6(s: string): boolean {
  let hex = s;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) !== -1) {
    if (!isIPv4Text(s.slice(lastColon + 1))) return false;
    hex = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const halves = hex.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  for (const half of groups) for (const g of half) if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return false;
  const written = groups.reduce((n, half) => n + half.length, 0);
  return halves.length === 2 ? written >= 2 && written <= 7 : written === 8;
}

/** One token per address whatever its spelling: leading zeros, case and compression do not matter. */
export function canonicalIp(value: string): string {
  if (!value.includes(':')) return value.split('.').map(Number).join('.');
  let head = value.toLowerCase();
  let tail: string[] = [];
  const lastColon = head.lastIndexOf(':');
  if (head.indexOf('.', lastColon) !== -1) {
    const o = head
      .slice(lastColon + 1)
      .split('.')
      .map(Number);
    tail = [((o[0] << 8) | o[1]).toString(16), ((o[2] << 8) | o[3]).toString(16)];
    head = head.endsWith('::', lastColon + 1) ? head.slice(0, lastColon + 1) : head.slice(0, lastColon);
  }
  const [left, right] = head.split('::');
  const split = (h: string | undefined) => (h ? h.split(':') : []);
  const written = [...split(left), ...split(right), ...tail];
  const zeros = right === undefined ? [] : Array<string>(8 - written.length).fill('0');
  const groups = [...split(left), ...zeros, ...split(right), ...tail];
  return groups.map((g) => g.replace(/^0+(?=.)/, '')).join(':');
}
