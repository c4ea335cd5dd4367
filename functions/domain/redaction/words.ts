import { isAsciiLetter } from './chars';
import { listsOfWord } from './lexicon';

/**
 * Words as the name detectors see them: letters with inner apostrophes and hyphens (`Anna-Karin`,
 * `O'Brien`), without a possessive `'s`, and where they stand in their sentence.
 */
const WORD = /\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;

/**
 * The words of one text as offsets, read only as far as they are asked for, their strings and
 * name lists looked up only when asked for: the name scan passes every text but looks at few words.
 * Words of ASCII letters are read char by char; anything past ASCII is left to WORD, which then
 * reads the word from its start. Indices count the words read: `hasCapitalisedCandidate` may pass
 * over words that cannot be capitalised without reading them.
 */
export class WordList {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  private readonly words: string[] = [];
  private readonly listBits: number[] = [];
  /** Where reading goes on; never inside a word. */
  private at = 0;

  constructor(readonly text: string) {}

  /** Whether there is a word k, reading on as far as needed. */
  has(k: number): boolean {
    while (this.starts.length <= k && this.read());
    return k < this.starts.length;
  }

  /**
   * `has(k)`, except that when word k is still unread, the words ahead that cannot be capitalised
   * are passed over unread: a capitalised word opens with a letter that has a lower case (A-Z, or
   * past ASCII), and no word crosses an ASCII character other than a letter, `'` or `-`, so
   * reading may resume after the last such character before that letter.
   */
  hasCapitalisedCandidate(k: number): boolean {
    if (k < this.starts.length) return true;
    const text = this.text;
    let p = this.at;
    // The regex engine skips to each A-Z or non-ASCII character much faster than a loop here.
    for (MAY_HAVE_LOWER_CASE.lastIndex = p; MAY_HAVE_LOWER_CASE.test(text); ) {
      p = MAY_HAVE_LOWER_CASE.lastIndex - 1;
      if (hasLowerCase(text.charCodeAt(p))) break;
    }
    if (MAY_HAVE_LOWER_CASE.lastIndex === 0) p = text.length;
    let resume = p;
    while (resume > this.at && continuesWord(text.charCodeAt(resume - 1))) resume--;
    this.at = resume;
    return this.has(k);
  }

  /** Reads the next word; false when there is none. */
  private read(): boolean {
    const text = this.text;
    let i = this.at;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c <= 0x7f && !isAsciiLetter(c)) {
        i++;
        continue;
      }
      const end = c <= 0x7f ? asciiWordEnd(text, i) : -1;
      if (end !== -1) {
        this.add(i, end);
        this.at = end;
        return true;
      }
      WORD.lastIndex = i;
      const m = WORD.exec(text);
      if (!m) break;
      this.add(m.index, m.index + m[0].length);
      this.at = WORD.lastIndex;
      return true;
    }
    this.at = text.length;
    return false;
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

  /** The name lists word k is on (lexicon bits). */
  lists(k: number): number {
    this.listBits[k] ??= listsOfWord(this.word(k));
    return this.listBits[k];
  }

  private add(start: number, end: number): void {
    const text = this.text;
    // A possessive 's of the word itself: the apostrophe after its first letter, not before the word.
    const s = end - 2;
    if (
      s > start &&
      text.charCodeAt(end - 1) === 115 /* s */ &&
      (text.charCodeAt(s) === 39 || text.charCodeAt(s) === 0x2019)
    )
      end = s;
    this.starts.push(start);
    this.ends.push(end);
  }
}

/** A character that may stand inside a word: an ASCII letter, `'`, `-`, or anything past ASCII. */
const continuesWord = (c: number) => c > 0x7f || c === 39 || c === 45 || isAsciiLetter(c);

/** A-Z and the code units past ASCII hasLowerCase may answer true for: not Latin-1's symbols and
 *  lower-case letters (é, ö, ß…), nor general punctuation and currency signs (’, €), which would
 *  stop the skip at most characters of French or Swedish text. */
const MAY_HAVE_LOWER_CASE = /[A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u1fff\u2100-\uffff]/g;

/** Code units whose lower case differs (what isCapitalised asks of a word's first letter), looked up once each. */
const LOWER_CASE_DIFFERS = new Int8Array(0x10000);
function hasLowerCase(c: number): boolean {
  if (c <= 0x7f) return c >= 65 && c <= 90;
  if (LOWER_CASE_DIFFERS[c] === 0) {
    const s = String.fromCharCode(c);
    LOWER_CASE_DIFFERS[c] = s === s.toLowerCase() ? -1 : 1;
  }
  return LOWER_CASE_DIFFERS[c] === 1;
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
