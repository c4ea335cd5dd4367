import commonWords from './common-words.json';
import firstNames from './first-names.json';
import surnames from './surnames.json';
import { foldName } from './fold';

/**
 * The word lists behind name detection (made by bench/redaction/make-lexicon.ts), looked up in
 * folded form (lower case, no accents). A common word ("will", "may", "call") can be a name too;
 * the detectors then want more than its capital letter.
 */
export const COMMON_WORD = 1;
export const FIRST_NAME = 2;
export const SURNAME = 4;

/** Folded word → the lists it is on, as the bits above: one look-up answers all three. */
const LISTS = new Map<string, number>();
for (const [words, bit] of [
  [commonWords, COMMON_WORD],
  [firstNames, FIRST_NAME],
  [surnames, SURNAME],
] as const)
  for (const w of words as string[]) LISTS.set(w, (LISTS.get(w) ?? 0) | bit);

export { foldName };
const listsOf = (folded: string) => LISTS.get(folded) ?? 0;
export const isCommonWord = (folded: string) => (listsOf(folded) & COMMON_WORD) !== 0;

/** Spellings seen (as written) → their lists: texts repeat their words, and folding costs more than a look-up. */
const BY_SPELLING = new Map<string, number>();
const MAX_SPELLINGS = 100_000;

/** The lists `word`, as written, is on (COMMON_WORD | FIRST_NAME | SURNAME bits). */
export function listsOfWord(word: string): number {
  let lists = BY_SPELLING.get(word);
  if (lists === undefined) {
    if (BY_SPELLING.size >= MAX_SPELLINGS) BY_SPELLING.clear();
    lists = listsOf(foldName(word));
    BY_SPELLING.set(word, lists);
  }
  return lists;
}
