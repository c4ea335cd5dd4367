import { isAsciiLetter } from './chars';
import { foldName } from './lexicon/fold';

/**
 * Words as the name detectors see them: letters with inner apostrophes and hyphens (`Anna-Karin`,
 * `O'Brien`), without a possessive `'s`, and where they stand in their sentence.
 */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/**
 * The words of one text as offsets, their strings and folded forms made only when asked for: the
 * name scan reads every word of every text but looks at few of them. Words of ASCII letters are
 * read char by char; anything past ASCII is left to WORD, which then reads the word from its start.
 */
export class WordList {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private readonly words: string[] = [];
  private readonly folds: string[] = [];

  constructor(readonly text: string) {
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c <= 0x7f && !isAsciiLetter(c)) {
        i++;
        continue;
      }
      const end = c <= 0x7f ? asciiWordEnd(text, i) : -1;
      if (end !== -1) {
        this.add(i, end);
        i = end;
        continue;
      }
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) break;
      this.add(m.index, m.index + m[0].length);
      i = WORD.lastIndex;
    }
  }

  get length(): number {
    return this.starts.length;
  }

  word(k: number): string {
    this.words[k] ??= this.text.slice(this.starts[k], this.ends[k]);
    return this.words[k];
  }

  /** isCapitalised of word k; a word opening in ASCII lower case (most words) is answered at once. */
  capitalised(k: number): boolean {
    const first = this.text.charCodeAt(this.starts[k]);
    return !(first >= 97 && first <= 122) && capitalisedAt(this.text, this.starts[k], this.ends[k]);
  }

  fold(k: number): string {
    this.folds[k] ??= foldName(this.word(k));
    return this.folds[k];
  }

  private add(start: number, end: number): void {
    const text = this.text;
    const s = end - 2;
    if (text.charCodeAt(end - 1) === 115 /* s */ && (text.charCodeAt(s) === 39 || text.charCodeAt(s) === 0x2019))
      end = s;
    this.starts.push(start);
    this.ends.push(end);
  }
}

/** End of the ASCII word starting at i, or -1 when a character past ASCII may belong to it. */
function asciiWordEnd(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    while (j < text.length && isAsciiLetter(text.charCodeAt(j))) j++;
    if (j === text.length) return j;
    const c = text.charCodeAt(j);
    if (c > 0x7f) return -1;
    if (c !== 39 && c !== 45) return j;
    const next = text.charCodeAt(j + 1);
    if (next > 0x7f) return -1;
    if (!isAsciiLetter(next)) return j;
    j += 2;
  }
}

/** isCapitalised on text[start, end), without making the string when it is ASCII. */
function capitalisedAt(text: string, start: number, end: number): boolean {
  const first = text.charCodeAt(start);
  let lower = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x7f) return isCapitalised(text.slice(start, end));
    if (i > start && c >= 97 && c <= 122) lower = true;
  }
  return first >= 65 && first <= 90 && lower;
}

/** Capitalised as a name is: an upper-case first letter and lower case after it (`ORDER` and `I` are not). */
export function isCapitalised(word: string): boolean {
  const first = word[0];
  if (first === first.toLowerCase()) return false;
  for (let i = 1; i < word.length; i++) if (word[i] !== word[i].toUpperCase()) return true;
  return false;
}

/** True when nothing but opening quotes, brackets or dashes stand between `at` and the start of
 *  the text or the end of a sentence (`.`, `!`, `?`, `…`, `:`, a line break). */
export function startsSentence(text: string, at: number): boolean {
  let i = at - 1;
  while (i >= 0 && /[\s"'“”‘’«»([¿¡–—-]/u.test(text[i])) {
    if (text[i] === '\n') return true;
    i--;
  }
  return i < 0 || /[.!?…:;]/u.test(text[i]);
}
