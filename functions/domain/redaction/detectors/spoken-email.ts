import { foldName } from '../lexicon';
import type { FindingSink } from '../types';

/**
 * E-mail addresses read out in call transcripts: "anna at example dot com", "anna punkt berg
 * snabel-a firma punkt se", "jean arobase orange point fr", "ana arroba correo punto es",
 * "max at web punkt de". The address is the word before the at-word (with any words joined to
 * it by dot, dash or underscore words), the at-word, and a domain of at least two labels joined
 * by dot words, the last a top-level domain (two letters, or one of the common longer ones).
 * Only spaces may separate these words, so "at the end of the day" (no dot word) and "dot the
 * i's" (no at-word) stay; neither do words that merely precede "at" in speech ("look at…").
 */
const DOT_WORDS = new Set(['dot', 'point', 'punkt', 'punto']);
const UNDERSCORE_WORDS = new Set(['underscore', 'understreck', 'unterstrich']);
const JOIN_WORDS = new Set(['dash', 'hyphen', 'tiret', 'bindestreck', 'bindestrich', 'guion', ...UNDERSCORE_WORDS]);
const LONG_TLDS = new Set(['com', 'org', 'net', 'edu', 'gov', 'info', 'biz', 'name', 'mobi', 'online', 'email']);
/** Words that stand before "at" in ordinary speech and are never the mailbox. */
const NOT_MAILBOX = new Set([
  'look',
  'looking',
  'looked',
  'is',
  'are',
  'was',
  'were',
  'be',
  'am',
  'me',
  'us',
  'him',
  'her',
  'them',
  'it',
  'you',
  'here',
  'there',
  'arrive',
  'arrived',
  'stay',
  'live',
  'work',
  'meet',
  'good',
  'point',
  'aim',
  'and',
  'or',
]);
const WORD = /^[\p{L}\p{M}0-9]+/u;
const WORD_BEFORE = /[\p{L}\p{M}0-9]+$/u;

const AT_WORDS = /(?<![\p{L}\p{M}0-9])(?:at|arobase|arrobase|arroba|snabel-?\s?a)(?![\p{L}\p{M}0-9])/giu;
const AT_WORD = /^(?:at|arobase|arrobase|arroba|@)$/i;

/** A spoken address has a dot word: texts without one are not searched for at-words. */
const ANY_DOT_WORD = /\b(?:dot|point|punkt|punto)\b/i;

export function scanSpokenEmails(text: string, out: FindingSink): void {
  if (!ANY_DOT_WORD.test(text)) return;
  for (const m of text.matchAll(AT_WORDS)) {
    const start = mailboxStart(text, m.index);
    const end = domainEnd(text, m.index + m[0].length);
    if (start !== -1 && end !== -1) out.push({ type: 'email', start, end });
  }
}

/** Where the mailbox before the at-word at `at` starts, or -1: a word, and words before it
 *  joined by dot, dash or underscore words ("anna dot berg at…"). */
function mailboxStart(text: string, at: number): number {
  const first = wordBefore(text, at);
  if (!first || NOT_MAILBOX.has(foldName(first.text)) || isJoinWord(first.text)) return -1;
  let start = first.start;
  for (;;) {
    const joiner = wordBefore(text, start);
    if (!joiner || !isJoinWord(joiner.text)) return start;
    const word = wordBefore(text, joiner.start);
    if (!word || isJoinWord(word.text)) return start;
    start = word.start;
  }
}

const isJoinWord = (word: string) => {
  const folded = foldName(word);
  return DOT_WORDS.has(folded) || JOIN_WORDS.has(folded);
};

/** Where the domain after the at-word ending at `from` ends, or -1. */
function domainEnd(text: string, from: number): number {
  let at = from;
  let labels = 0;
  let lastLabel = '';
  for (;;) {
    const label = wordAfter(text, at);
    if (!label || DOT_WORDS.has(foldName(label.text))) return -1;
    labels++;
    lastLabel = label.text;
    at = label.end;
    const dot = wordAfter(text, at);
    if (!dot || !DOT_WORDS.has(foldName(dot.text))) break;
    at = dot.end;
  }
  return labels >= 2 && isTld(lastLabel) ? at : -1;
}

const isTld = (label: string) => /^[a-z]{2}$/i.test(label) || LONG_TLDS.has(label.toLowerCase());

/** The word right after `at` across one or more spaces only. */
function wordAfter(text: string, at: number): { text: string; end: number } | undefined {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\u00a0')) i++;
  if (i === at) return undefined;
  const m = WORD.exec(text.slice(i, i + 64));
  return m ? { text: m[0], end: i + m[0].length } : undefined;
}

function wordBefore(text: string, at: number): { text: string; start: number } | undefined {
  let i = at;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\u00a0')) i--;
  if (i === at) return undefined;
  const m = WORD_BEFORE.exec(text.slice(Math.max(0, i - 64), i));
  return m ? { text: m[0], start: i - m[0].length } : undefined;
}

/** The address as written ("anna dot berg at example dot com" → anna.berg@example.com); a
 *  written address comes back unchanged. */
export function writtenEmail(value: string): string {
  if (value.includes('@')) return value;
  return value
    .replace(/snabel-?\s?a/giu, ' @ ')
    .split(/\s+/)
    .map((word) => {
      const folded = foldName(word);
      if (DOT_WORDS.has(folded)) return '.';
      if (UNDERSCORE_WORDS.has(folded)) return '_';
      if (JOIN_WORDS.has(folded)) return '-';
      return AT_WORD.test(word) ? '@' : word;
    })
    .join('');
}
