import { isDigit, isWordChar } from '../chars';
import { maySpellNumber, spokenWord, type SpokenWord } from './spoken-words';

/**
 * Numbers spelled out by speech-to-text, read back as digits: "four one five, five five five" is
 * 415 555, "zéro six douze trente-quatre" 06 12 34, "noll sju noll" 070, "double five" 55.
 * Words are grouped into chunks (one written number each: `douze` 12, `soixante-dix-huit` 78,
 * `quatre-vingt-douze` 92, `treinta y cuatro` 34, `vier und zwanzig` 24, `eight hundred` 800),
 * and chunks into runs: consecutive chunks with only spaces, hyphens, commas, semicolons or colons
 * between them; any other word or mark ends a run. Digits written as digits ("zero six 12 34")
 * join a run but a run needs at least one spoken word (digits alone are the digit scan's).
 * "oh" is zero only next to another number; joiners ("et", "y", "und", "and"), "double" and
 * "plus" only before the number they belong to; fillers ("uh", "euh", "äh") only inside a run.
 */
export interface SpokenChunk {
  /** Offsets in the text of the chunk's words (a spoken `+` before it is not included). */
  start: number;
  end: number;
  digits: string;
  /** False for digits written as digits. */
  spoken: boolean;
  /** Where a spoken "plus" just before the chunk starts. */
  plusStart?: number;
  /** A comma, semicolon or colon (a pause), or the start of the run, comes before the chunk. */
  pauseBefore: boolean;
}

type Token = {
  start: number;
  end: number;
  lower: string;
  /** What the word means, or the digits of a digit token. */
  word: SpokenWord | { kind: 'digits' };
  /** Whether only spaces and one hyphen stand between this token and the previous number token. */
  tight: boolean;
  /** Whether that hyphen is there ("soixante-onze"). */
  hyphen: boolean;
};

/** The runs of spoken numbers in `text` with at least `minDigits` digits and one spoken word.
 *  `marks`: the text's token marks when the caller has them already (see tokenMarks). */
export function spokenRuns(text: string, minDigits: number, marks: TokenMarks = tokenMarks(text)): SpokenChunk[][] {
  const runs: SpokenChunk[][] = [];
  if (!marks.mayHoldSpokenNumber) return runs;
  for (const tokens of tokenRuns(text)) {
    const run = chunksOf(tokens);
    for (const part of run) if (digitCount(part) >= minDigits && part.some((c) => c.spoken)) runs.push(part);
  }
  return runs;
}

/** The digits a spoken value stands for (`+` first after a spoken "plus"), or undefined when it
 *  holds no spoken number: how pseudonyms see "four one five…" as 415…. */
export function spokenDigits(value: string): string | undefined {
  const chunks = spokenRuns(value, 1).flat();
  if (chunks.length === 0) return undefined;
  return (chunks[0].plusStart !== undefined ? '+' : '') + chunks.map((c) => c.digits).join('');
}

const digitCount = (chunks: readonly SpokenChunk[]) => chunks.reduce((n, c) => n + c.digits.length, 0);

/** Number words and digit tokens, split where anything else stands between them. A hand-written
 *  loop: this runs on every text, and most texts hold no number word. */
function tokenRuns(text: string): Token[][] {
  const runs: Token[][] = [];
  let run: Token[] = [];
  // Runs of digits alone are the digit scan's: a run is kept only once it has a number word.
  let hasWord = false;
  let brokenSince = true;
  let previousEnd = 0;
  const flush = () => {
    if (hasWord) runs.push(run);
    run = [];
    hasWord = false;
  };
  let i = 0;
  while (i < text.length) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    let digitsOnly = true;
    for (; i < text.length && isTokenChar(text.charCodeAt(i)); i++) digitsOnly &&= isDigit(text.charCodeAt(i));
    const word = digitsOnly ? DIGITS : maySpellNumber(text, start, i) ? spokenWord(text.slice(start, i)) : undefined;
    if (!word) {
      brokenSince = true;
      continue;
    }
    const gap = run.length > 0 && !brokenSince ? gapKind(text, previousEnd, start) : BREAK;
    if (run.length > 0 && gap === BREAK) flush();
    const raw = text.slice(start, i);
    run.push({
      start,
      end: i,
      lower: digitsOnly ? raw : raw.toLowerCase(),
      word,
      tight: gap === TIGHT || gap === HYPHEN,
      hyphen: gap === HYPHEN,
    });
    hasWord ||= !digitsOnly;
    brokenSince = false;
    previousEnd = i;
  }
  flush();
  return runs;
}

/**
 * What one pass over the tokens (letters and digits) of a text finds, for the two scans that
 * would otherwise each read every character: the digit runs (maximal, in order; the digit scan's
 * groups, see digit-runs.ts) and whether the text may hold a spoken number, the spoken scan's
 * cheap first look: two number words, or one and a token of digits. Most texts fail that look
 * ("one of them", "un colis") and are not tokenised further. On the way it notes whether the
 * characters other scans start from occur, so they need not search the text for them.
 */
export interface TokenMarks {
  digitStarts: number[];
  digitEnds: number[];
  mayHoldSpokenNumber: boolean;
  /** An `@`, or a `%` (of `%40`): what e-mail addresses are found from. */
  hasAtSign: boolean;
  /** A `:`: URL user info and IPv6 addresses hold one. */
  hasColon: boolean;
}

export function tokenMarks(text: string): TokenMarks {
  const digitStarts: number[] = [];
  const digitEnds: number[] = [];
  let numberWords = 0;
  let digitToken = false;
  let spoken = false;
  let atSign = false;
  let colon = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (!isTokenChar(c)) {
      if (c === 64 /* @ */ || c === 37 /* % */) atSign = true;
      else if (c === 58 /* : */) colon = true;
      i++;
      continue;
    }
    const start = i;
    let letters = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isDigit(c)) {
        digitStarts.push(i);
        while (++i < n && isDigit(text.charCodeAt(i)));
        digitEnds.push(i);
      } else if (isTokenChar(c)) {
        letters = true;
        i++;
      } else break;
    }
    if (spoken) continue;
    if (!letters) digitToken = true;
    else if (maySpellNumber(text, start, i) && countsAsNumber(spokenWord(text.slice(start, i)))) numberWords++;
    spoken = numberWords >= 2 || (numberWords === 1 && digitToken);
  }
  return { digitStarts, digitEnds, mayHoldSpokenNumber: spoken, hasAtSign: atSign, hasColon: colon };
}

const countsAsNumber = (w: SpokenWord | undefined) =>
  w !== undefined && (w.kind === 'number' || w.kind === 'tens' || w.kind === 'hundred' || w.kind === 'oh');

const DIGITS = { kind: 'digits' } as const;
const [BREAK, PAUSE, TIGHT, HYPHEN] = [0, 1, 2, 3];

/** What stands between two number tokens (at most four characters): only spaces (tight), spaces
 *  and one hyphen, spaces, hyphens, dashes, commas, semicolons or colons (a pause), or anything
 *  else (a break). */
function gapKind(text: string, from: number, to: number): number {
  if (to - from > 4) return BREAK;
  let hyphens = 0;
  let pauseMarks = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 45) hyphens++;
    else if (c === 44 || c === 59 || c === 58 || c === 0x2013 || c === 0x2014) pauseMarks++;
    else if (!(c === 32 || c === 0xa0 || (c >= 9 && c <= 13))) return BREAK;
  }
  if (pauseMarks === 0 && hyphens <= 1) return hyphens ? HYPHEN : TIGHT;
  return PAUSE;
}

/** Letters and digits; above Latin Extended-B, whatever Unicode calls a letter or mark. */
const isTokenChar = (c: number) =>
  c <= 0x24f ? LATIN_TOKEN_CHARS[c] === 1 : LETTER_OR_MARK.test(String.fromCharCode(c));
const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
/** Up to Latin Extended-B, a table: every text is read char by char here. */
const LATIN_TOKEN_CHARS = Uint8Array.from({ length: 0x250 }, (_, c) => (isWordChar(c) && c !== 95 ? 1 : 0));

type Parsed = { value: string; next: number };

/** Chunks of one token run, split again where a word cannot stand (a lone joiner or "double"). */
function chunksOf(tokens: readonly Token[]): SpokenChunk[][] {
  const parts: SpokenChunk[][] = [];
  let chunks: SpokenChunk[] = [];
  const split = () => {
    if (chunks.length > 0) parts.push(chunks);
    chunks = [];
  };
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t.word.kind === 'filler' && chunks.length > 0) {
      i++;
      continue;
    }
    let plusStart: number | undefined;
    let at = i;
    if (t.word.kind === 'plus' && i + 1 < tokens.length && tokens[i + 1].tight) {
      split();
      plusStart = t.start;
      at = i + 1;
    }
    const parsed = numberAt(tokens, at, chunks.length > 0);
    if (!parsed) {
      split();
      i++;
      continue;
    }
    chunks.push({
      start: tokens[at].start,
      end: tokens[parsed.next - 1].end,
      digits: parsed.value,
      spoken: tokens[at].word.kind !== 'digits' || parsed.next - at > 1,
      plusStart,
      pauseBefore: chunks.length === 0 || !tokens[i].tight,
    });
    i = parsed.next;
  }
  split();
  return parts;
}

const tight = (tokens: readonly Token[], i: number) => i < tokens.length && tokens[i].tight;
const numberValue = (t: Token | undefined) => (t?.word.kind === 'number' ? t.word.value : undefined);

/** The number that starts at token i. */
function numberAt(tokens: readonly Token[], i: number, inRun: boolean): Parsed | undefined {
  const t = tokens[i];
  const w = t.word;
  switch (w.kind) {
    case 'digits':
      return { value: t.lower, next: i + 1 };
    case 'oh': {
      // Zero only beside a number word: "o-1234567890" is an identifier, "oh, I see" a sigh.
      const afterNumber = inRun && i > 0 && isNumberWord(tokens[i - 1]);
      const beforeNumber = tight(tokens, i + 1) && isNumberWord(tokens[i + 1]);
      return afterNumber || beforeNumber ? { value: '0', next: i + 1 } : undefined;
    }
    case 'repeat': {
      const next = tokens[i + 1];
      const digit = next && tight(tokens, i + 1) ? singleDigit(next) : undefined;
      return digit === undefined ? undefined : { value: digit.repeat(w.times), next: i + 2 };
    }
    case 'tens':
      return tensAt(tokens, i, w.value);
    case 'hundred':
      return hundredsAt(tokens, i, w.value);
    case 'number':
      return unitAt(tokens, i, w.value, w.width);
    default:
      return undefined;
  }
}

const isNumberWord = (t: Token) => t.word.kind === 'number' || t.word.kind === 'tens' || t.word.kind === 'oh';

function singleDigit(t: Token): string | undefined {
  if (t.word.kind === 'oh') return '0';
  if (t.word.kind === 'digits') return t.lower.length === 1 ? t.lower : undefined;
  return t.word.kind === 'number' && t.word.width === 1 ? String(t.word.value) : undefined;
}

function unitAt(tokens: readonly Token[], i: number, value: number, width: number): Parsed {
  const t = tokens[i];
  // FR "quatre-vingt(s)": 80, which may take a unit or a teen after it.
  if (t.lower === 'quatre' && tight(tokens, i + 1) && /^vingts?$/.test(tokens[i + 1].lower))
    return tensAt(tokens, i + 1, 80);
  // FR "dix-sept" to "dix-neuf".
  const next = numberValue(tokens[i + 1]);
  if (t.lower === 'dix' && tight(tokens, i + 1) && next !== undefined && next >= 7 && next <= 9)
    return { value: String(10 + next), next: i + 2 };
  if (width === 1 && value > 0 && tight(tokens, i + 1)) {
    const after = tokens[i + 1].word;
    // DE "vier und zwanzig".
    if (after.kind === 'joiner' && tight(tokens, i + 2) && tokens[i + 2].word.kind === 'tens')
      return { value: String((tokens[i + 2].word as { value: number }).value + value), next: i + 3 };
    if (after.kind === 'hundred' && after.value === 100) return hundredsAt(tokens, i + 1, 100 * value);
  }
  return { value: String(value).padStart(width, '0'), next: i + 1 };
}

/** Tens, with the unit after them ("twenty six", "vingt et un", "treinta y cuatro") and, in
 *  French, the teen after 60 and 80 ("soixante-dix-huit" 78, "quatre-vingt-douze" 92). */
function tensAt(tokens: readonly Token[], i: number, tens: number): Parsed {
  let j = i + 1;
  if (tight(tokens, j) && tokens[j].word.kind === 'joiner' && tight(tokens, j + 1)) j++;
  if (tight(tokens, j)) {
    const w = tokens[j].word;
    if (w.kind === 'number' && w.width === 1 && w.value >= 1) return { value: String(tens + w.value), next: j + 1 };
    // Only French counts on from 60 and 80, and only in one hyphenated word or with "et": spaced,
    // "soixante onze" is 60 11 read in pairs.
    const frenchTeens = tokens[i].lower === 'soixante' || /^vingts?$/.test(tokens[i].lower);
    if (frenchTeens && (tokens[j].hyphen || j > i + 1)) {
      const teen = w.kind === 'number' && w.width === 2 ? unitAt(tokens, j, w.value, 2) : undefined;
      const v = teen ? Number(teen.value) : 0;
      if (teen && v >= 10 && v <= 19) return { value: String(tens + v), next: teen.next };
    }
  }
  return { value: String(tens), next: i + 1 };
}

/** Hundreds, with what follows: a tens or teen word ("eight hundred twelve"), or after a joiner
 *  any 1-99 ("eight hundred and five", "ciento y dos" is not Spanish but costs nothing). A bare
 *  digit after "hundred" is the next digit of the number, not part of the hundreds. */
function hundredsAt(tokens: readonly Token[], i: number, hundreds: number): Parsed {
  let j = i + 1;
  const joined = tight(tokens, j) && tokens[j].word.kind === 'joiner' && tight(tokens, j + 1);
  if (joined) j++;
  if (tight(tokens, j)) {
    const w = tokens[j].word;
    const rest =
      w.kind === 'tens'
        ? tensAt(tokens, j, w.value)
        : w.kind === 'number' && (joined || w.width === 2)
          ? unitAt(tokens, j, w.value, w.width)
          : undefined;
    const v = rest ? Number(rest.value) : 0;
    if (rest && v >= 1 && v <= 99) return { value: String(hundreds + v), next: rest.next };
  }
  return { value: String(hundreds), next: i + 1 };
}
