import { isDigit, isHex, isWordChar } from '../chars';
import type { FindingSink } from '../types';
import { allGapsAre, digitsValue, type NumberWindow } from './number-window';

/**
 * IPv4: four dotted groups of 0..255 without leading zeros, not part of a longer dotted
 * sequence (1.2.3.4.5 is a version, not an address).
 */
export function isIPv4Window(w: NumberWindow): boolean {
  if (w.groups !== 4 || !allGapsAre(w, '.') || w.lead.endsWith('.') || w.trail === '.') return false;
  for (let k = 0; k < 4; k++) if (!isOctet(w.text, w.start(k), w.end(k))) return false;
  return true;
}

/** text[start, end), digits, is 0..255 without a leading zero. */
function isOctet(text: string, start: number, end: number): boolean {
  const len = end - start;
  if (len > 3 || (len > 1 && text.charCodeAt(start) === 48)) return false;
  return digitsValue(text, start, end) <= 255;
}

/** text[start, end) is four dotted octets. */
function isIPv4At(text: string, start: number, end: number): boolean {
  let parts = 0;
  let part = start;
  for (let i = start; i <= end; i++) {
    if (i < end && text.charCodeAt(i) !== 46 /* . */) {
      if (!isDigit(text.charCodeAt(i))) return false;
      continue;
    }
    if (i === part || !isOctet(text, part, i)) return false;
    parts++;
    part = i + 1;
  }
  return parts === 4;
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
      isIPv6(text, start, end)
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

/**
 * text[start, end) is eight groups of 1-4 hex digits, or fewer (2-7) around one `::`; an IPv4
 * address after the last `:` counts as the last two groups. Read in place: a colon alone at
 * either end, or three in a row, leaves an empty group.
 */
export function isIPv6(text: string, start = 0, end = text.length): boolean {
  let lastColon = end - 1;
  while (lastColon >= start && text.charCodeAt(lastColon) !== 58) lastColon--;
  if (lastColon < start) return false;
  let ipv4Tail = false;
  for (let k = lastColon + 1; k < end && !ipv4Tail; k++) ipv4Tail = text.charCodeAt(k) === 46;
  if (ipv4Tail && !isIPv4At(text, lastColon + 1, end)) return false;
  const hexEnd = ipv4Tail ? lastColon + 1 : end;
  let groups = ipv4Tail ? 2 : 0;
  let compressed = false;
  let i = start;
  while (i < hexEnd) {
    const from = i;
    if (text.charCodeAt(i) === 58) {
      while (i < hexEnd && text.charCodeAt(i) === 58) i++;
      const colons = i - from;
      if (colons > 2 || (colons === 2 && compressed)) return false;
      if (colons === 2) compressed = true;
      else if (from === start || (i === hexEnd && !ipv4Tail)) return false;
      continue;
    }
    while (i < hexEnd && isHex(text.charCodeAt(i))) i++;
    if (i === from || i - from > 4) return false;
    groups++;
  }
  return compressed ? groups >= 2 && groups <= 7 : groups === 8;
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
