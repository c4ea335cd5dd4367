import { isAsciiLetter, isDigit, isLatinLetter } from '../chars';
import type { FindingSink } from '../types';

/**
 * E-mail addresses, found from each `@` (or `%40`, an address inside a URL query) outwards with
 * bounded loops: at most 64 characters of local part and 255 of domain, so the cost is linear
 * whatever the input. A domain needs a dot and a TLD of two letters or more; `user:pass@host`
 * inside a URL is left to the credentials detector.
 */
const MAX_LOCAL = 64;
const MAX_DOMAIN = 255;

const isLocalChar = (c: number) =>
  isAsciiLetter(c) ||
  isDigit(c) ||
  c === 46 /* . */ ||
  c === 95 /* _ */ ||
  c === 37 /* % */ ||
  c === 43 /* + */ ||
  c === 45 /* - */ ||
  isLatinLetter(c);
const isLabelChar = (c: number) => isAsciiLetter(c) || isDigit(c) || c === 45 || isLatinLetter(c);

export function scanEmails(text: string, out: FindingSink): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) addEmail(text, at, at + 1, out);
  for (let at = text.indexOf('%40'); at !== -1; at = text.indexOf('%40', at + 3)) addEmail(text, at, at + 3, out);
}

function addEmail(text: string, atStart: number, atEnd: number, out: FindingSink): void {
  let start = atStart;
  while (start > 0 && atStart - start < MAX_LOCAL && isLocalChar(text.charCodeAt(start - 1))) start--;
  while (start < atStart && text.charCodeAt(start) === 46) start++;
  if (start === atStart || isUrlUserInfo(text, start)) return;
  const end = domainEnd(text, atEnd);
  if (end !== -1) out.push({ type: 'email', start, end });
}

/** End of a valid domain starting at `from`, or -1. */
function domainEnd(text: string, from: number): number {
  let i = from;
  let labels = 0;
  let lastLabelStart = from;
  let end = -1;
  const limit = Math.min(text.length, from + MAX_DOMAIN);
  while (i < limit) {
    const labelStart = i;
    while (i < limit && isLabelChar(text.charCodeAt(i))) i++;
    if (i === labelStart || text.charCodeAt(labelStart) === 45 || text.charCodeAt(i - 1) === 45) break;
    labels++;
    lastLabelStart = labelStart;
    end = i;
    if (i + 1 < limit && text.charCodeAt(i) === 46 && isLabelChar(text.charCodeAt(i + 1))) i++;
    else break;
  }
  if (labels < 2 || end - lastLabelStart < 2) return -1;
  for (let k = lastLabelStart; k < end; k++)
    if (!isAsciiLetter(text.charCodeAt(k)) && !isLatinLetter(text.charCodeAt(k))) return -1;
  return end;
}

/** `https://user:secret@host`: the part before @ is URL user info, not a mailbox. */
function isUrlUserInfo(text: string, localStart: number): boolean {
  if (localStart === 0 || text.charCodeAt(localStart - 1) !== 58 /* : */) return false;
  const from = Math.max(0, localStart - 256);
  const scheme = text.lastIndexOf('://', localStart);
  if (scheme < from) return false;
  for (let k = scheme + 3; k < localStart; k++) {
    const c = text.charCodeAt(k);
    if (c <= 32 || c === 47 /* / */) return false;
  }
  return true;
}

export const canonicalEmail = (value: string) => value.replace(/%40/i, '@').toLowerCase();
