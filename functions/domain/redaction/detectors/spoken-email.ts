import { foldName } from '../lexicon';
import type { FindingSink } from '../types';
import { spokenDigits } from './spoken-digits';
import { isSpokenNumber, spokenWord } from './spoken-words';

/**
 * E-mail addresses read out in call transcripts: "anna at example dot com", "anna punkt berg
 * snabel-a firma punkt se", "jean arobase orange point fr", "ana arroba correo punto es",
 * "max at web punkt de". The address is the word before the at-word (with the number words
 * after it, "johnson fourteen at…", and the words joined to it by dot, dash or underscore words,
 * "tiret bas" and "guion bajo" too), the at-word, and a domain of at least two labels joined by
 * the dot words of the at-word's language, the last a top-level domain people use.
 * Only spaces may separate these words, so "at the end of the day" (no dot word) and "dot the
 * i's" (no at-word) stay; neither do words that merely precede "at" in speech ("look at…").
 */
const DOT_WORDS = new Set(['dot', 'point', 'punkt', 'punto']);
const UNDERSCORE_WORDS = new Set(['underscore', 'understreck', 'unterstrich']);
const JOIN_WORDS = new Set(['dash', 'hyphen', 'tiret', 'bindestreck', 'bindestrich', 'guion', ...UNDERSCORE_WORDS]);
/** Second words that turn a dash word into an underscore: FR "tiret bas", ES "guion bajo". */
const LOW = new Map([
  ['bas', 'tiret'],
  ['bajo', 'guion'],
]);
/** At most this many number words after the name in a mailbox ("berg nineteen eighty-four"). */
const MAX_NUMBER_WORDS = 6;
/** Top-level domains people read out; not any two letters ("at each point in time"). */
const TLDS = new Set(
  'com org net edu gov info biz name mobi online email io co me eu uk fr se de es nl be ch at it dk no fi pt pl us ca ie mx ar br nu tv ai app dev'.split(
    ' ',
  ),
);
/** The dot words that go with each at-word: "at … dot/punkt", "arobase … point", "arroba … punto". */
const DOTS_AFTER: Record<string, ReadonlySet<string>> = {
  at: new Set(['dot', 'punkt']),
  arobase: new Set(['point', 'dot']),
  arrobase: new Set(['point', 'dot']),
  arroba: new Set(['punto', 'dot']),
  snabel: new Set(['punkt', 'dot']),
};
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
/** Words with inner hyphens: "seventy-six", "jean-pierre", "t-online". */
const WORD = /^[\p{L}\p{M}0-9]+(?:-[\p{L}\p{M}0-9]+)*/u;
const WORD_BEFORE = /[\p{L}\p{M}0-9]+(?:-[\p{L}\p{M}0-9]+)*$/u;

const AT_WORDS = /(?<![\p{L}\p{M}0-9])(?:at|arobase|arrobase|arroba|snabel-?\s?a)(?![\p{L}\p{M}0-9])/giu;
const AT_WORD = /^(?:at|arobase|arrobase|arroba|@)$/i;

/** A spoken address has a dot word: texts without one are not searched for at-words. */
const ANY_DOT_WORD = /\b(?:dot|point|punkt|punto)\b/i;

export function scanSpokenEmails(text: string, out: FindingSink): void {
  if (!ANY_DOT_WORD.test(text)) return;
  for (const m of text.matchAll(AT_WORDS)) {
    const start = mailboxStart(text, m.index);
    const atWord = m[0].toLowerCase();
    const dots = DOTS_AFTER[atWord.startsWith('snabel') ? 'snabel' : atWord];
    const end = domainEnd(text, m.index + m[0].length, dots);
    if (start !== -1 && end !== -1) out.push({ type: 'email', start, end });
  }
}

/** Where the mailbox before the at-word at `at` starts, or -1: a name word with any number
 *  words after it, and the words before it joined by dot, dash or underscore words. */
function mailboxStart(text: string, at: number): number {
  let word = wordBefore(text, at);
  let numbers = 0;
  while (word && numbers < MAX_NUMBER_WORDS) {
    // "quarante et un", "setenta y ocho": a joiner between number words is one of them.
    const previous: { text: string; start: number } | undefined = wordBefore(text, word.start);
    if (isNumberWord(word.text)) numbers++;
    else if (!(numbers > 0 && isJoiner(word.text) && previous && isNumberWord(previous.text))) break;
    word = previous;
  }
  if (!word || isJoinWord(word.text) || (numbers === 0 && NOT_MAILBOX.has(foldName(word.text)))) return -1;
  let start = word.start;
  for (;;) {
    let joiner = wordBefore(text, start);
    if (joiner && LOW.has(foldName(joiner.text))) {
      const dash = wordBefore(text, joiner.start);
      joiner = dash && foldName(dash.text) === LOW.get(foldName(joiner.text)) ? dash : undefined;
    }
    if (!joiner || !isJoinWord(joiner.text)) return start;
    const previous = wordBefore(text, joiner.start);
    if (!previous || isJoinWord(previous.text)) return start;
    start = previous.start;
  }
}

const isJoinWord = (word: string) => {
  const folded = foldName(word);
  return DOT_WORDS.has(folded) || JOIN_WORDS.has(folded);
};

const isJoiner = (word: string) => spokenWord(word)?.kind === 'joiner';

/** Digits, or number words ("fourteen", "seventy-six", "sjuttio-sex"). */
const isNumberWord = (word: string) =>
  /^[0-9]+$/.test(word) || word.split('-').every((part) => part !== '' && isSpokenNumber(part));

/** Where the domain after the at-word ending at `from` ends, or -1. */
function domainEnd(text: string, from: number, dots: ReadonlySet<string>): number {
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
    if (!dot || !dots.has(foldName(dot.text))) break;
    at = dot.end;
  }
  return labels >= 2 && isTld(lastLabel) ? at : -1;
}

const isTld = (label: string) => TLDS.has(label.toLowerCase());

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

/** The address as written ("anna dot berg at example dot com" → anna.berg@example.com,
 *  "johnson fourteen" → johnson14); a written address comes back unchanged. */
export function writtenEmail(value: string): string {
  if (value.includes('@')) return value;
  const words = value
    .replace(/snabel-?\s?a/giu, ' @ ')
    .replace(/\b(?:tiret bas|guion bajo)\b/giu, ' underscore ')
    .split(/\s+/);
  let out = '';
  for (let i = 0; i < words.length; i++) {
    const folded = foldName(words[i]);
    if (DOT_WORDS.has(folded)) out += '.';
    else if (UNDERSCORE_WORDS.has(folded)) out += '_';
    else if (JOIN_WORDS.has(folded)) out += '-';
    else if (AT_WORD.test(words[i])) out += '@';
    else if (isNumberWord(words[i])) {
      let j = i;
      while (
        j + 1 < words.length &&
        (isNumberWord(words[j + 1]) || (isJoiner(words[j + 1]) && isNumberWord(words[j + 2] ?? '')))
      )
        j++;
      out += spokenDigits(words.slice(i, j + 1).join(' ')) ?? '';
      i = j;
    } else out += words[i];
  }
  return out;
}
